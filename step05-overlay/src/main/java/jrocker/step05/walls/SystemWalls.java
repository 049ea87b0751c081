package jrocker.step05.walls;

import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step04.linux.PivotRootSyscalls;

/** The smaller mounts that docker's containers have and step04's lacked. */
public final class SystemWalls {
    private static final long NO_SUID_EXEC_DEV = MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC;

    private SystemWalls() {
    }

    /**
     * /dev/mqueue: the POSIX message queues of the container's IPC namespace (mq_overview(7)). Mounted from
     * inside that namespace, it lists only the container's queues.
     */
    public record MountMqueue() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            syscalls.mkdir("/dev/mqueue", 0755);
            syscalls.mount("mqueue", "/dev/mqueue", "mqueue", NO_SUID_EXEC_DEV, null);
        }
    }

    /** {@code --privileged}: /sys writable, as docker's privileged containers have it. */
    public record WritableSys() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            syscalls.mount(null, "/sys", null, MountFlags.MS_REMOUNT | NO_SUID_EXEC_DEV, null);
        }
    }
}
