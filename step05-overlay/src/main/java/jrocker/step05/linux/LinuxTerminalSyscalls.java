package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step04.linux.LinuxPivotRootSyscalls;

/** The real calls: step04's, plus the terminal's ({@link TerminalSyscalls}), through {@link TerminalLibC}. */
public class LinuxTerminalSyscalls extends LinuxPivotRootSyscalls implements TerminalSyscalls {
    /**
     * glibc's {@code struct termios} is 60 bytes on x86-64 and aarch64; a larger buffer costs nothing and the
     * C functions never look past the structure's end.
     */
    private static final int TERMIOS_BYTES = 128;
    private static final int OPEN_FLAGS = TerminalLibC.O_RDWR | TerminalLibC.O_NOCTTY | TerminalLibC.O_CLOEXEC | TerminalLibC.O_NONBLOCK;
    private static final int PEER_FLAGS = TerminalLibC.O_RDWR | TerminalLibC.O_NOCTTY | TerminalLibC.O_CLOEXEC;

    /** The path each descriptor opened here was opened with, for messages: {@code ioctl(/dev/ptmx, TIOCGPTN)}. */
    private final Map<Integer, String> paths = new ConcurrentHashMap<>();

    /**
     * Binds {@link TerminalLibC}'s functions. Not in a constructor: every jrocker command makes these calls'
     * object, and binding costs each of them tens of milliseconds it does not need.
     */
    @Override
    public void prepareTerminal() {
        trace(CallText.call("prepareTerminal"));
        TerminalLibC.bindNow();
    }

    /**
     * {@link TerminalSyscalls#attachTerminal}: make the pty slave at {@code slavePath} the caller's controlling
     * terminal and its stdin, stdout and stderr. Each failing call throws a {@link SyscallException} naming it.
     */
    // tag::attach-terminal[]
    @Override
    public void attachTerminal(String slavePath) {
        trace(CallText.call("attachTerminal", slavePath));
        // A new session has no controlling terminal: the next step may give it one. setsid(2) refuses a
        // process group leader; the init is not one (it was started in jrocker's group), unless a stage
        // made it one, as step01's TakeTerminal does with setpgid(0, 0).
        try {
            TerminalLibC.setsid(); // <1>
        } catch (LastErrorException e) {
            SyscallException failure = new SyscallException("setsid()", e.getErrorCode());
            throw e.getErrorCode() == Errno.EPERM
                    ? failure.because("the init leads a process group already: drop TakeTerminal when the container has its own pty")
                    : failure;
        }
        // No O_NOCTTY, and no O_CLOEXEC: the descriptor is dup2'ed onto 0, 1 and 2 and must survive exec there;
        // the original is closed below (and step01's closeOnExecAbove(2) would catch it anyway).
        int fd;
        try {
            fd = TerminalLibC.open(slavePath, TerminalLibC.O_RDWR); // <2>
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("open", slavePath, "O_RDWR"), e.getErrorCode());
        }
        // Opening a terminal without O_NOCTTY as a session leader without one already makes it the controlling
        // terminal on Linux; TIOCSCTTY says so explicitly, and fails loudly if it cannot be.
        try {
            TerminalLibC.ioctl(fd, TerminalLibC.TIOCSCTTY, 0); // <3>
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("ioctl", slavePath, "TIOCSCTTY", 0), e.getErrorCode());
        }
        for (int stdio = 0; stdio <= 2; stdio++) {
            try {
                TerminalLibC.dup2(fd, stdio); // <4>
            } catch (LastErrorException e) {
                throw new SyscallException(CallText.call("dup2", slavePath, stdio), e.getErrorCode());
            }
        }
        // end::attach-terminal[]
        if (fd > 2) {
            try {
                TerminalLibC.close(fd);
            } catch (LastErrorException e) {
                throw new SyscallException(CallText.call("close", slavePath), e.getErrorCode());
            }
        }
    }

    @Override
    public int openTerminal(String path) {
        String call = CallText.call("open", path, "O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK");
        trace(call);
        try {
            int fd = TerminalLibC.open(path, OPEN_FLAGS);
            paths.put(fd, path);
            return fd;
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void unlockPty(int masterFd) {
        ioctl(masterFd, "TIOCSPTLCK", 0, () -> TerminalLibC.ioctl(masterFd, TerminalLibC.TIOCSPTLCK, new int[] {0}));
    }

    @Override
    public int ptyNumber(int masterFd) {
        int[] number = new int[1];
        ioctl(masterFd, "TIOCGPTN", "&n", () -> TerminalLibC.ioctl(masterFd, TerminalLibC.TIOCGPTN, number));
        return number[0];
    }

    @Override
    public int openPtyPeer(int masterFd) {
        int[] slave = new int[1];
        ioctl(masterFd, "TIOCGPTPEER", "O_RDWR|O_NOCTTY|O_CLOEXEC",
                () -> slave[0] = TerminalLibC.ioctl(masterFd, TerminalLibC.TIOCGPTPEER, PEER_FLAGS));
        paths.put(slave[0], "peer of " + nameOf(masterFd));
        return slave[0];
    }

    @Override
    public Optional<WindowSize> windowSize(int fd) {
        short[] winsize = new short[4];
        try {
            TerminalLibC.ioctl(fd, TerminalLibC.TIOCGWINSZ, winsize);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOTTY) {
                return Optional.empty();
            }
            throw new SyscallException(CallText.call("ioctl", nameOf(fd), "TIOCGWINSZ"), e.getErrorCode());
        }
        return Optional.of(WindowSize.fromWinsize(winsize));
    }

    @Override
    public void setWindowSize(int fd, WindowSize size) {
        short[] winsize = size.toWinsize();
        ioctl(fd, "TIOCSWINSZ", size, () -> TerminalLibC.ioctl(fd, TerminalLibC.TIOCSWINSZ, winsize));
    }

    @Override
    public byte[] terminalSettings(int fd) {
        byte[] settings = new byte[TERMIOS_BYTES];
        try {
            TerminalLibC.tcgetattr(fd, settings);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("tcgetattr", nameOf(fd)), e.getErrorCode());
        }
        return settings;
    }

    @Override
    public byte[] rawSettings(byte[] settings) {
        byte[] raw = settings.clone();
        TerminalLibC.cfmakeraw(raw);
        return raw;
    }

    @Override
    public void applyTerminalSettings(int fd, byte[] settings) {
        String call = CallText.call("tcsetattr", nameOf(fd), "TCSANOW");
        trace(call);
        try {
            TerminalLibC.tcsetattr(fd, TerminalLibC.TCSANOW, settings);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public boolean pollFd(int fd, short events, int timeoutMillis) {
        // struct pollfd { int fd; short events; short revents; }: 8 bytes, in the machine's byte order.
        byte[] pollfd = new byte[8];
        ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(0, fd).putShort(4, events);
        try {
            return TerminalLibC.poll(pollfd, 1, timeoutMillis) > 0;
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("poll", nameOf(fd)), e.getErrorCode());
        }
    }

    // No trace for reads and writes: a relay makes thousands, and JROCKER_DEBUG would drown in them.
    @Override
    public int readFd(int fd, byte[] buffer, int count) {
        try {
            return (int) TerminalLibC.read(fd, buffer, count);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("read", nameOf(fd)), e.getErrorCode());
        }
    }

    @Override
    public int writeFd(int fd, byte[] buffer, int count) {
        try {
            return (int) TerminalLibC.write(fd, buffer, count);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("write", nameOf(fd)), e.getErrorCode());
        }
    }

    @Override
    public void closeFd(int fd) {
        String name = nameOf(fd);
        paths.remove(fd);
        trace(CallText.call("close", name));
        try {
            TerminalLibC.close(fd);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("close", name), e.getErrorCode());
        }
    }

    /** What messages call {@code fd}: the path it was opened with here, else its number. */
    private String nameOf(int fd) {
        return paths.getOrDefault(fd, "fd " + fd);
    }

    /** An ioctl(2) on {@code fd} that JNA makes: traced, and a failure named with the request and argument. */
    private void ioctl(int fd, String request, Object argument, NativeCall ioctl) {
        String call = CallText.call("ioctl", nameOf(fd), request, argument);
        trace(call);
        try {
            ioctl.run();
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        void run() throws LastErrorException;
    }
}
