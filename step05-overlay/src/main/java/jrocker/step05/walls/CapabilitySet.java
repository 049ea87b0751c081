package jrocker.step05.walls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of capabilities as the kernel keeps it: a 64-bit mask, bit N for capability N. /proc/PID/status shows
 * a process' sets as 16 hex digits ({@code CapEff: 00000000a80425fb}).
 */
public record CapabilitySet(long mask) {

    // tag::docker-default[]
    /**
     * The 14 capabilities docker and podman give a container's root: enough to be root inside its own files
     * (chown, chmod, bypass file permissions, setuid to other users, kill its own processes, bind low ports,
     * ping, mknod, chroot, write audit messages, set file capabilities), and nothing that reaches the kernel or
     * the host: no SYS_ADMIN (mount, namespaces), SYS_MODULE, SYS_TIME, SYS_PTRACE, NET_ADMIN, SYS_RAWIO, ...
     * As a mask: 00000000a80425fb.
     */
    public static final CapabilitySet DOCKER_DEFAULT = of(
            Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.FSETID, Capability.KILL,
            Capability.SETGID, Capability.SETUID, Capability.SETPCAP, Capability.NET_BIND_SERVICE, Capability.NET_RAW,
            Capability.SYS_CHROOT, Capability.MKNOD, Capability.AUDIT_WRITE, Capability.SETFCAP);
    // end::docker-default[]

    /** Every capability this program knows. */
    public static final CapabilitySet ALL = of(Capability.values());

    public static CapabilitySet of(Capability... capabilities) {
        long mask = 0;
        for (Capability capability : capabilities) {
            mask |= 1L << capability.number();
        }
        return new CapabilitySet(mask);
    }

    // tag::cap-flags[]
    /**
     * {@code base} changed by docker's {@code --cap-add} and {@code --cap-drop}: names with or without
     * {@code CAP_}, any case, or {@code ALL}. As in docker, {@code --cap-drop ALL} starts from nothing and
     * then adds, {@code --cap-add ALL} starts from everything and then drops; otherwise drops win over adds.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CapabilitySet fromFlags(CapabilitySet base, List<String> add, List<String> drop) {
        CapabilitySet added = parseAll(add);
        CapabilitySet dropped = parseAll(drop);
        if (containsAll(drop)) {
            return added;
        }
        if (containsAll(add)) {
            return new CapabilitySet(ALL.mask & ~dropped.mask);
        }
        return new CapabilitySet((base.mask | added.mask) & ~dropped.mask);
    }
    // end::cap-flags[]

    private static boolean containsAll(List<String> names) {
        return names.stream().anyMatch(name -> name.strip().equalsIgnoreCase("ALL"));
    }

    private static CapabilitySet parseAll(List<String> names) {
        long mask = 0;
        for (String name : names) {
            if (!name.strip().equalsIgnoreCase("ALL")) {
                mask |= 1L << Capability.parse(name).number();
            }
        }
        return new CapabilitySet(mask);
    }

    /**
     * The set a mask in /proc/PID/status' notation names, e.g. {@code 00000000a80425fb}: 16 hex digits (or
     * fewer), each bit a capability.
     *
     * @throws IllegalArgumentException for anything that is not 1 to 16 hex digits
     */
    public static CapabilitySet fromHex(String hex) {
        // tag::exercise-capability-mask[]
        String digits = hex.strip();
        if (digits.isEmpty() || digits.length() > 16 || !digits.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("not a capability mask (1 to 16 hex digits): \"" + hex + "\"");
        }
        return new CapabilitySet(Long.parseUnsignedLong(digits, 16));
        // end::exercise-capability-mask[]
    }

    /** The capabilities in this set, lowest number first; bits this program has no name for are left out. */
    public List<Capability> capabilities() {
        // tag::exercise-capability-mask[]
        List<Capability> capabilities = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            if ((mask & (1L << capability.number())) != 0) {
                capabilities.add(capability);
            }
        }
        return capabilities;
        // end::exercise-capability-mask[]
    }

    public boolean contains(Capability capability) {
        return (mask & (1L << capability.number())) != 0;
    }

    /** This set without what {@code limit} lacks: a process can never gain a capability its bounding set lacks. */
    public CapabilitySet within(CapabilitySet limit) {
        return new CapabilitySet(mask & limit.mask);
    }

    /** As /proc/PID/status shows it: 16 hex digits. */
    public String hex() {
        return String.format(Locale.ROOT, "%016x", mask);
    }

    @Override
    public String toString() {
        return hex() + " " + capabilities();
    }
}
