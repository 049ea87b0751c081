package jrocker.step05.walls;

import java.util.Locale;

// tag::capabilities[]
/**
 * The Linux capabilities (capabilities(7)), numbered as the kernel numbers them: bit {@code number()} of a
 * capability set. Root's power is cut into these pieces; a container keeps only a few of them
 * ({@link CapabilitySet#DOCKER_DEFAULT}).
 */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE,
    NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO, SYS_CHROOT,
    SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE,
    AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ,
    PERFMON, BPF, CHECKPOINT_RESTORE;

    /** The bit of this capability in a set: the kernel's CAP_* number. */
    public int number() {
        return ordinal();
    }

    /** The kernel's name, e.g. CAP_SYS_ADMIN. */
    public String kernelName() {
        return "CAP_" + name();
    }

    /**
     * The capability {@code name} names, as docker reads {@code --cap-add}: with or without the {@code CAP_}
     * prefix, in any case ({@code sys_admin}, {@code CAP_SYS_ADMIN}).
     *
     * @throws IllegalArgumentException for a name that is no capability
     */
    public static Capability parse(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        for (Capability capability : values()) {
            if (capability.name().equals(bare)) {
                return capability;
            }
        }
        throw new IllegalArgumentException("unknown capability: \"" + name + "\" (capabilities(7) lists them,"
                + " e.g. NET_ADMIN or CAP_SYS_TIME)");
    }
}
// end::capabilities[]
