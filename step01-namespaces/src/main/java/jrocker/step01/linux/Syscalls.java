package jrocker.step01.linux;

import java.util.List;

/**
 * The kernel calls step01 needs, as a Java interface. {@link LinuxSyscalls} makes them for real;
 * the tests' double {@code RecordingSyscalls} only writes them down, so tests can check their order without root.
 * Later steps extend this interface with the calls their chapter introduces.
 *
 * <p>Every method throws {@link SyscallException} (unchecked) when the kernel says no.
 */
public interface Syscalls {

    /** unshare(2) with the OR of {@link Namespace#cloneFlag()}s: the calling thread enters new namespaces. */
    void unshare(int cloneFlags);

    /** sethostname(2): only the caller's UTS namespace sees the new name. */
    void sethostname(String hostname);

    /** mount(2); {@code flags} from {@link MountFlags}; {@code source}, {@code fstype}, {@code data} may be null. */
    void mount(String source, String target, String fstype, long flags, String data);

    /** umount2(2); {@code flags} e.g. {@link MountFlags#MNT_DETACH}. */
    void umount2(String target, int flags);

    /**
     * Mark every open file descriptor above 2 close-on-exec. The JVM holds jar files, sockets and more
     * open; without this they would all be inherited by the container's command.
     */
    void closeOnExecAbove(int lastKeptFd);

    /**
     * Build the native argv and envp arrays for {@link #execve} ahead of time. In step02 the init joins a
     * cgroup with a small memory and pids limit right before exec; allocating then could fail, so
     * everything exec needs is allocated here, first.
     */
    PreparedExec prepareExec(String path, List<String> argv, List<String> env);

    /** execve(2): replaces the process; returns only in a test double, throws when the kernel refuses. */
    void execve(PreparedExec exec);

    /**
     * Make the caller lead a new process group and make that group the foreground of the terminal on
     * {@code fd}: setpgid(0, 0), then tcsetpgrp(fd, getpgrp()). Used with {@code run -t} so that the
     * container's shell owns the terminal: it gets Ctrl-C, and job control works.
     */
    void takeTerminal(int fd);

    /** geteuid(2): the effective user ID; 0 is root. */
    int geteuid();

    /**
     * Make the calls ready without making one: JNA's native library loaded and libc's functions bound, which
     * costs a JVM tens of milliseconds the first time ({@code Preload} does it on a second thread).
     */
    default void loadLibc() {
    }

    /** isatty(3): is {@code fd} a terminal? */
    boolean isatty(int fd);

    /** What {@link #prepareExec} made: opaque to callers except for what it describes. */
    interface PreparedExec {
        String path();

        List<String> argv();
    }
}
