package jrocker.step05.linux;

import java.util.Optional;
import jrocker.step01.linux.Syscalls;

/**
 * The calls a container's terminal needs ({@code run -t}, {@code exec -t}), on both sides of it. The real
 * implementation is {@link LinuxTerminalSyscalls}; the tests' double, {@code RecordingTerminalSyscalls},
 * plays the ptys and the user's terminal in memory, so that the relay's logic is tested without a real one.
 * <ul>
 *   <li>The container's init, after Go: {@link #attachTerminal} (and {@link #prepareTerminal} before Ready).
 *       It extends step01's {@link Syscalls} so that a stage can declare it as its type.</li>
 *   <li>jrocker, on the host: a new pty ({@link #openTerminal}, {@link #unlockPty}, {@link #ptyNumber},
 *       {@link #openPtyPeer}), window sizes, the user's terminal modes (termios), and reads and writes that
 *       wait in poll(2) ({@code PolledFd} in the terminal package explains why).</li>
 * </ul>
 * Calls on a descriptor that this object opened name it by its path in messages and traces, e.g.
 * {@code ioctl(/dev/ptmx, TIOCGPTN)}; others by number ({@code fd 0}).
 */
public interface TerminalSyscalls extends Syscalls {

    /** poll(2) events: reading, writing would not block. */
    short POLLIN = 0x001;
    short POLLOUT = 0x004;

    /** errno values step01's {@code Errno} does not list; only the terminal code reacts to them. */
    int EIO = 5;
    int EAGAIN = 11;
    int ENOTTY = 25;

    /**
     * Load and bind the C functions {@link #attachTerminal} calls. The init attaches its terminal after Go,
     * when it may already be in a cgroup with tiny memory and pids limits (step02): {@code AttachTerminal}
     * calls this before Ready. Only an init with a terminal ({@code -t}) pays for it.
     */
    void prepareTerminal();

    /**
     * Give the calling process the pty slave at {@code slavePath} as its controlling terminal and as its
     * stdin, stdout and stderr: setsid(), open(slavePath, O_RDWR), ioctl(TIOCSCTTY), dup2 onto 0, 1 and 2.
     * The caller must not lead a process group (setsid(2) refuses a group leader with EPERM).
     */
    void attachTerminal(String slavePath);

    /**
     * open(2) a terminal device, a pty master ({@code /dev/ptmx}) or slave, with
     * {@code O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK}: never as jrocker's controlling terminal, inherited by no
     * process jrocker starts, and read and written through poll(2). Returns the descriptor.
     */
    int openTerminal(String path);

    /** ioctl(TIOCSPTLCK, 0) on a new pty's master: unlock its slave, which nobody can open before. */
    void unlockPty(int masterFd);

    /** ioctl(TIOCGPTN) on a pty's master: the N of its slave, {@code /dev/pts/N}; ENOTTY for anything else. */
    int ptyNumber(int masterFd);

    /**
     * ioctl(TIOCGPTPEER, O_RDWR|O_NOCTTY|O_CLOEXEC) on a pty's master (Linux 4.13): open its slave without
     * looking up a path. Older kernels fail with ENOTTY or EINVAL. Returns the slave's descriptor.
     */
    int openPtyPeer(int masterFd);

    /**
     * ioctl(TIOCGWINSZ): the size of the terminal on {@code fd}, or empty when {@code fd} is not a terminal
     * (ENOTTY): a pipe or a file has no size, and that is not an error (jrocker's output may be redirected).
     */
    Optional<WindowSize> windowSize(int fd);

    /** ioctl(TIOCSWINSZ): set the size of the terminal on {@code fd}; on a pty master, the size its slave reports. */
    void setWindowSize(int fd, WindowSize size);

    /** tcgetattr(3): the terminal's settings, a {@code struct termios}, as bytes to give back unchanged. */
    byte[] terminalSettings(int fd);

    /** cfmakeraw(3) on a copy of {@code settings}: the same settings in raw mode (no call to the kernel). */
    byte[] rawSettings(byte[] settings);

    /** tcsetattr(3) with TCSANOW: apply {@code settings} (from {@link #terminalSettings} or {@link #rawSettings}) now. */
    void applyTerminalSettings(int fd, byte[] settings);

    /**
     * poll(2) on one descriptor for {@code events} ({@link #POLLIN}, {@link #POLLOUT}), at most
     * {@code timeoutMillis}: true when reading or writing would not block, or when the kernel reports an error
     * or a hangup (the read or write that follows says which).
     */
    boolean pollFd(int fd, short events, int timeoutMillis);

    /** read(2): up to {@code count} bytes into {@code buffer}; 0 at end of file. */
    int readFd(int fd, byte[] buffer, int count);

    /** write(2): the first {@code count} bytes of {@code buffer}; returns how many were written, maybe fewer. */
    int writeFd(int fd, byte[] buffer, int count);

    /** close(2). The descriptor is released even when the kernel reports an error, so there is nothing to retry. */
    void closeFd(int fd);
}
