package jrocker.step01.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The C library functions step01 calls, bound with JNA "direct mapping": each {@code native} method
 * below is linked straight to the libc symbol of the same name. Direct mapping loads fewer classes than
 * JNA's interface proxies, which matters in the container's init JVM: it starts on every {@code run}.
 *
 * <p>Every call declares {@link LastErrorException}: when the C function returns -1, JNA reads
 * {@code errno} and throws, so no failure can be silently ignored. {@link LinuxSyscalls} turns that into
 * a {@link SyscallException} that names the call and its arguments.
 *
 * <p>Types: {@code unsigned long} and {@code size_t} are 64 bits on the 64-bit Linux systems jrocker
 * supports (x86-64, aarch64), so they are Java {@code long}s here.
 */
final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {
    }

    /** unshare(2): move the calling thread into new namespaces. */
    static native int unshare(int flags) throws LastErrorException;

    /** sethostname(2): the hostname of the caller's UTS namespace. */
    static native int sethostname(String name, long length) throws LastErrorException;

    /** mount(2). {@code data} is the file-system specific option string, or null. */
    static native int mount(String source, String target, String fstype, long flags, String data)
            throws LastErrorException;

    /** umount2(2). */
    static native int umount2(String target, int flags) throws LastErrorException;

    /** execve(2): replace this process' program. argv and envp are NULL-terminated arrays. */
    static native int execve(String path, Pointer argv, Pointer envp) throws LastErrorException;

    /** fcntl(2) with an int argument (F_GETFD, F_SETFD). */
    static native int fcntl(int fd, int command, int argument) throws LastErrorException;

    /** syscall(2) for calls glibc has no wrapper for (or only a recent one), with three int arguments. */
    static native long syscall(long number, int first, int second, int third) throws LastErrorException;

    /** setpgid(2): move a process into a process group; (0, 0) makes the caller lead a new one. */
    static native int setpgid(int pid, int pgid) throws LastErrorException;

    /** getpgrp(2): the caller's process group, numbered in its own PID namespace. */
    static native int getpgrp();

    /** tcsetpgrp(3): make a process group the terminal's foreground group (it gets keyboard input and Ctrl-C). */
    static native int tcsetpgrp(int fd, int pgrp) throws LastErrorException;

    /** signal(2): set a signal's disposition to SIG_DFL (null) or SIG_IGN (address 1). */
    static native Pointer signal(int signal, Pointer handler) throws LastErrorException;

    /** isatty(3): 1 when fd is a terminal. */
    static native int isatty(int fd);

    /** geteuid(2): 0 when we run as root. */
    static native int geteuid();
}
