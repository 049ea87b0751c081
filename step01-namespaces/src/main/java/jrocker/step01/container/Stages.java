package jrocker.step01.container;

import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.Syscalls;

/** The init stages step01 teaches. Each record is one small, named thing the init does. */
public final class Stages {
    private Stages() {
    }

    // tag::make-mounts-private[]
    /**
     * Stop mount events from travelling between the container and the host. The new mount namespace
     * starts as a copy of the host's, and on systemd hosts "/" is a shared mount: without this, the
     * /proc we mount next would appear on the host too (and step04's pivot_root would fail with EINVAL).
     */
    public record MakeMountsPrivate() implements InitStage<Syscalls> {
        @Override
        public void run(Syscalls syscalls) {
            // tag::exercise-init-stages[]
            syscalls.mount(null, "/", null, MountFlags.MS_REC | MountFlags.MS_PRIVATE, null);
            // end::exercise-init-stages[]
        }
    }
    // end::make-mounts-private[]

    // tag::set-hostname[]
    /** Give the container its own hostname. Only the new UTS namespace sees it; the host keeps its own. */
    public record SetHostname(String hostname) implements InitStage<Syscalls> {
        @Override
        public void run(Syscalls syscalls) {
            // tag::exercise-init-stages[]
            syscalls.sethostname(hostname);
            // end::exercise-init-stages[]
        }
    }
    // end::set-hostname[]

    // tag::mount-proc[]
    /**
     * Mount a fresh proc file system on /proc. proc shows the PID namespace of the process that
     * mounts it, which is why the init (PID 1 of the new namespace) does this and not jrocker:
     * afterwards {@code ps} lists only the container's processes.
     */
    public record MountProc() implements InitStage<Syscalls> {
        @Override
        public void run(Syscalls syscalls) {
            // tag::exercise-init-stages[]
            syscalls.mount("proc", "/proc", "proc",
                    MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC, null);
            // end::exercise-init-stages[]
        }
    }
    // end::mount-proc[]

    // tag::take-terminal[]
    /**
     * With {@code run -t}: the container's process group becomes the terminal's foreground group. The
     * terminal then sends keyboard input and Ctrl-C to the container's shell, not to jrocker, and a
     * shell with job control finds the terminal its own (without this, sh complains on exit that it
     * cannot give the terminal back to a process group its PID namespace cannot see).
     */
    public record TakeTerminal() implements InitStage<Syscalls> {
        @Override
        public void run(Syscalls syscalls) {
            syscalls.takeTerminal(0);
        }
    }
    // end::take-terminal[]
}
