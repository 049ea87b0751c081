package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The C library functions terminals need, bound with JNA direct mapping like step01's {@code LibC}: each
 * {@code native} method is linked straight to the libc symbol of the same name, and a call that returns -1
 * throws {@link LastErrorException} with errno. Only {@link LinuxTerminalSyscalls} calls them.
 *
 * <p>{@code ioctl(2)} takes one more argument whose type depends on the request: an int for some
 * (TIOCSCTTY), a pointer to an int for others (TIOCGPTN), a pointer to a {@code struct winsize} (four
 * unsigned shorts) for the window size. Java arrays stand for those pointers: JNA copies an array to native
 * memory before the call and back after it, so an {@code int[1]} receives what the kernel wrote.
 *
 * <p>The request numbers and open flags below are the same on x86-64 and aarch64 (both use the kernel's
 * generic definitions for them).
 */
final class TerminalLibC {
    static {
        Native.register("c");
    }

    /** open(2) flags (asm-generic/fcntl.h). */
    static final int O_RDWR = 02;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    /** ioctl(2) requests (asm-generic/ioctls.h). */
    static final long TIOCSCTTY = 0x540E;
    static final long TIOCGWINSZ = 0x5413;
    static final long TIOCSWINSZ = 0x5414;
    static final long TIOCGPTN = 0x80045430L;
    static final long TIOCSPTLCK = 0x40045431L;
    static final long TIOCGPTPEER = 0x5441;

    /** tcsetattr(3): apply now. */
    static final int TCSANOW = 0;

    private TerminalLibC() {
    }

    /**
     * Does nothing, but calling it runs the static initializer above, which binds every function now. The
     * init calls {@code attachTerminal} after Go, possibly inside a cgroup with tiny memory and pids limits
     * (step02): binding must have happened before, while there was room for it.
     */
    static void bindNow() {
    }

    /** open(2) without a mode: we never create files here. */
    static native int open(String path, int flags) throws LastErrorException;

    /** close(2). */
    static native int close(int fd) throws LastErrorException;

    /** read(2): returns the number of bytes read, 0 at end of file. */
    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** write(2): returns the number of bytes written, possibly fewer than {@code count}. */
    static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

    /** poll(2) on {@code count} {@code struct pollfd}s of 8 bytes each: int fd, short events, short revents. */
    static native int poll(byte[] pollfds, long count, int timeoutMillis) throws LastErrorException;

    /** ioctl(2) with an int argument (TIOCSCTTY, TIOCGPTPEER). */
    static native int ioctl(int fd, long request, int argument) throws LastErrorException;

    /** ioctl(2) with a pointer to an int (TIOCGPTN, TIOCSPTLCK). */
    static native int ioctl(int fd, long request, int[] argument) throws LastErrorException;

    /** ioctl(2) with a pointer to a {@code struct winsize}: rows, columns, x pixels, y pixels (TIOCGWINSZ, TIOCSWINSZ). */
    static native int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

    /** setsid(2): start a new session (and process group) led by the caller; it has no controlling terminal yet. */
    static native int setsid() throws LastErrorException;

    /** dup2(2): make {@code target} refer to the same open file as {@code fd}. */
    static native int dup2(int fd, int target) throws LastErrorException;

    /** tcgetattr(3): copy the terminal's settings into a {@code struct termios}. */
    static native int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    /** tcsetattr(3): apply a {@code struct termios}; {@code when} is e.g. {@link #TCSANOW}. */
    static native int tcsetattr(int fd, int when, byte[] termios) throws LastErrorException;

    /** cfmakeraw(3): change a {@code struct termios} in memory to raw mode (no call to the kernel). */
    static native void cfmakeraw(byte[] termios);
}
