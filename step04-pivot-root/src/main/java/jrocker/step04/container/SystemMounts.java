package jrocker.step04.container;

import java.util.List;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.SyscallException;
import jrocker.step04.linux.PivotRootSyscalls;

/**
 * What a program expects to find besides its files: /sys, a /dev with the usual devices, and a /proc
 * that does not hand out the host's secrets. The same defaults runc gives a container.
 */
public final class SystemMounts {
    private static final long NO_SUID_EXEC_DEV = MountFlags.MS_NOSUID | MountFlags.MS_NOEXEC | MountFlags.MS_NODEV;

    /** /proc files that tell about the host, or let a process act on it: hidden behind /dev/null. */
    public static final List<String> MASKED_FILES = List.of(
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug");
    /** Directories hidden behind an empty read-only tmpfs. */
    public static final List<String> MASKED_DIRECTORIES = List.of("/proc/acpi", "/proc/scsi", "/sys/firmware");
    /** /proc entries the container may read but not write (kernel settings, the magic SysRq key). */
    public static final List<String> READ_ONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private SystemMounts() {
    }

    // tag::mount-sys[]
    /**
     * sysfs, read-only: programs read it (network devices, CPU topology), and a container must not
     * write to the host's kernel settings through it. Mounted from inside the new network namespace,
     * it shows that namespace's devices.
     */
    public record MountSys() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            syscalls.mkdir("/sys", 0555); // <1>
            syscalls.mount("sysfs", "/sys", "sysfs", NO_SUID_EXEC_DEV | MountFlags.MS_RDONLY, null); // <2>
        }
    }
    // end::mount-sys[]

    // tag::mount-dev[]
    /** A character device a container gets: its name in /dev and its numbers (see devices.txt). */
    record Device(String name, int major, int minor) {
    }

    /** The memory devices (major 1) and /dev/tty (5:0): what every program may use, and nothing more. */
    static final List<Device> DEVICES = List.of(new Device("null", 1, 3), new Device("zero", 1, 5),
            new Device("full", 1, 7), new Device("random", 1, 8), new Device("urandom", 1, 9), new Device("tty", 5, 0));

    /**
     * A fresh /dev: a small tmpfs with just the devices every program may use, a private devpts
     * instance for terminals, /dev/shm, and the usual links. Never the host's /dev, which would give the
     * container its disks.
     */
    public record MountDev() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            // tag::exercise-mount-dev[]
            syscalls.mkdir("/dev", 0755);
            syscalls.mount("tmpfs", "/dev", "tmpfs", MountFlags.MS_NOSUID, "mode=755,size=65536k");
            for (Device device : DEVICES) {
                syscalls.mknodCharDevice("/dev/" + device.name(), 0666, device.major(), device.minor());
            }
            syscalls.mkdir("/dev/pts", 0755);
            syscalls.mount("devpts", "/dev/pts", "devpts", MountFlags.MS_NOSUID | MountFlags.MS_NOEXEC,
                    "newinstance,ptmxmode=0666,mode=0620");
            syscalls.symlink("pts/ptmx", "/dev/ptmx");
            syscalls.mkdir("/dev/shm", 01777);
            syscalls.mount("shm", "/dev/shm", "tmpfs", NO_SUID_EXEC_DEV, "mode=1777,size=65536k");
            syscalls.symlink("/proc/self/fd", "/dev/fd");
            syscalls.symlink("/proc/self/fd/0", "/dev/stdin");
            syscalls.symlink("/proc/self/fd/1", "/dev/stdout");
            syscalls.symlink("/proc/self/fd/2", "/dev/stderr");
            // end::exercise-mount-dev[]
        }
    }
    // end::mount-dev[]

    // tag::mask-proc[]
    /**
     * Hide what a container should not see in /proc: each masked file gets /dev/null bind-mounted over
     * it (it reads empty), each masked directory an empty read-only tmpfs; the read-only paths are
     * bind-mounted onto themselves and remounted read-only. A path this kernel does not have is skipped.
     */
    public record MaskProc() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            // tag::exercise-mask-proc[]
            for (String file : MASKED_FILES) {
                mountUnlessMissing(syscalls, "/dev/null", file, null, MountFlags.MS_BIND, null);
            }
            for (String directory : MASKED_DIRECTORIES) {
                mountUnlessMissing(syscalls, "tmpfs", directory, "tmpfs", MountFlags.MS_RDONLY, "size=0");
            }
            for (String path : READ_ONLY_PATHS) {
                // A bind mount cannot be made read-only in one call: bind first, then remount it read-only.
                if (mountUnlessMissing(syscalls, path, path, null, MountFlags.MS_BIND | MountFlags.MS_REC, null)) {
                    syscalls.mount(path, path, null, MountFlags.MS_BIND | MountFlags.MS_REC | MountFlags.MS_REMOUNT
                            | MountFlags.MS_RDONLY | NO_SUID_EXEC_DEV, null);
                }
            }
            // end::exercise-mask-proc[]
        }

        /** Kernels differ (/proc/timer_stats, /sys/firmware may not exist): a missing path is skipped. */
        private static boolean mountUnlessMissing(PivotRootSyscalls syscalls, String source, String target, String type,
                                                  long flags, String data) {
            try {
                syscalls.mount(source, target, type, flags, data);
                return true;
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                return false;
            }
        }
    }
    // end::mask-proc[]
}
