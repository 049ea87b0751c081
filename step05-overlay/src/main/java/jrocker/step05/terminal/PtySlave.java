package jrocker.step05.terminal;

import com.sun.jna.LastErrorException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.SyscallException;

/**
 * The slave side of a pty ({@link PtyMaster} explains both), opened on the host with {@code O_NOCTTY}: a
 * terminal jrocker holds or a test talks to, never jrocker's own controlling terminal. The container's
 * command does not use this class: its init opens the slave itself ({@link AttachTerminal}).
 */
public final class PtySlave implements AutoCloseable {
    private final PolledFd fd;

    PtySlave(PolledFd fd) {
        this.fd = fd;
    }

    /** Open the slave at {@code path}, e.g. {@code /dev/pts/3}. */
    public static PtySlave open(Path path) {
        String call = CallText.call("open", path, "O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK");
        LinuxTerminalSyscalls.debug(call);
        try {
            int slave = TerminalLibC.open(path.toString(),
                    TerminalLibC.O_RDWR | TerminalLibC.O_NOCTTY | TerminalLibC.O_CLOEXEC | TerminalLibC.O_NONBLOCK);
            return new PtySlave(PolledFd.own(slave, path.toString()));
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    /** What the master's side wrote: what the program on this terminal reads. */
    public InputStream input() {
        return fd.inputStream();
    }

    /** What the master's side reads. */
    public OutputStream output() {
        return fd.outputStream();
    }

    /** The terminal's window size, as a program on it sees it (TIOCGWINSZ). */
    public WindowSize windowSize() {
        short[] winsize = new short[4];
        fd.call(CallText.call("ioctl", fd.name(), "TIOCGWINSZ"), slaveFd -> TerminalLibC.ioctl(slaveFd, TerminalLibC.TIOCGWINSZ, winsize));
        return WindowSize.fromWinsize(winsize);
    }

    /** Raw mode on this terminal ({@link RawMode}), e.g. so that a test sees bytes exactly as they were written. */
    RawMode enterRawMode() {
        RawMode[] raw = new RawMode[1];
        fd.call(CallText.call("tcgetattr", fd.name()), slaveFd -> raw[0] = RawMode.enter(slaveFd, fd.name()));
        return raw[0];
    }

    /** Close this descriptor; the pty lives on as long as anybody else has the slave or the master open. */
    @Override
    public void close() {
        fd.close();
    }
}
