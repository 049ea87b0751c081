package jrocker.step05.linux;

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

    /** kill(2): send {@code signal} to process {@code pid} ({@code stop}, {@code kill}, {@code rm -f}). */
    void kill(long pid, int signal);
}
