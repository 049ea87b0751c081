package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The C library functions step05 adds: open a namespace file, join it, close it; signals, by PID and by pidfd. */
final class LifecycleLibC {
    static {
        Native.register("c");
    }

    private LifecycleLibC() {
    }

    /** open(2). */
    static native int open(String path, int flags) throws LastErrorException;

    /** setns(2): join the namespace {@code fd} refers to; {@code nstype} 0 accepts any type. */
    static native int setns(int fd, int nstype) throws LastErrorException;

    /** kill(2). */
    static native int kill(int pid, int signal) throws LastErrorException;

    /** syscall(2) with one or two int arguments: pidfd_open(pid, flags). */
    static native long syscall(long number, int first, int second) throws LastErrorException;

    /** syscall(2) for pidfd_send_signal(pidfd, signal, info, flags). */
    static native long syscall(long number, int first, int second, Pointer third, int fourth) throws LastErrorException;

    /** close(2). */
    static native int close(int fd) throws LastErrorException;
}
