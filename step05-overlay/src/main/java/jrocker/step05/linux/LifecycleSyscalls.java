package jrocker.step05.linux;

import java.util.OptionalInt;

/**
 * All of step05's system calls: step04's, the extended attributes of overlayfs ({@link OverlaySyscalls}, chapter
 * 5), and what the container lifecycle needs (chapter 6): a terminal of its own for the container
 * ({@link TerminalSyscalls}), its last walls ({@link WallSyscalls}), entering the namespaces of a running container ({@code jrocker exec}), signals.
 */
public interface LifecycleSyscalls extends OverlaySyscalls, TerminalSyscalls, WallSyscalls {

    /** CLONE_FS, for {@code unshare(CLONE_FS)}: see {@link #joinNamespace}. */
    int CLONE_FS = 0x00000200;

    /**
     * setns(2) into the namespace that {@code namespaceFile} names, e.g. {@code /proc/4242/ns/uts}: open it,
     * setns(fd, 0), close it. The calling thread moves into that namespace.
     *
     * <p>The kernel refuses to move a process into another mount namespace (EINVAL) while its file-system
     * information (root, current directory, umask) is shared with other threads, and every JVM thread shares
     * it. {@code unshare(CLONE_FS)} first gives the calling thread its own copy; DESIGN.md §2 and mydocker's
     * issue #50 tell the story.
     */
    void joinNamespace(String namespaceFile);

    /**
     * kill(2): send {@code signal} to process {@code pid}: to each process of a frozen cgroup v1 ({@code rm -f},
     * {@code stop}), or to a container's PID 1 on a kernel without pidfds.
     */
    void kill(long pid, int signal);

    // tag::pidfd[]
    /**
     * pidfd_open(2) (Linux 5.3): a file descriptor for process {@code pid} itself, not for its number. Once it
     * is open, the process can exit and its PID be given to another, and the descriptor still means the first
     * process: a signal sent through it can never reach the stranger. Empty when the kernel has no pidfds
     * (ENOSYS); a {@link jrocker.step01.linux.SyscallException} with ESRCH when no process has that PID.
     */
    OptionalInt pidfdOpen(long pid);

    /** pidfd_send_signal(2) (Linux 5.1): send {@code signal} to the process {@code pidfd} refers to; ESRCH once it has exited. */
    void pidfdSendSignal(int pidfd, int signal);
    // end::pidfd[]
}
