package jrocker.step05.terminal;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import jrocker.step01.linux.CallText;
import jrocker.step05.linux.LinuxTerminalSyscalls;
import jrocker.step05.linux.TerminalSyscalls;
import jrocker.step05.linux.WindowSize;

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

    /** Open the slave at {@code path}, e.g. {@code /dev/pts/3}, with the real calls. */
    public static PtySlave open(Path path) {
        return open(new LinuxTerminalSyscalls(), path);
    }

    /** Open the slave at {@code path} with {@code syscalls}. */
    static PtySlave open(TerminalSyscalls syscalls, Path path) {
        return new PtySlave(PolledFd.own(syscalls, syscalls.openTerminal(path.toString()), path.toString()));
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
        return fd.call(CallText.call("ioctl", fd.name(), "TIOCGWINSZ"), (syscalls, slaveFd) -> syscalls.windowSize(slaveFd))
                .orElseThrow(() -> new IllegalStateException(fd.name() + " is no terminal"));
    }

    /** Raw mode on this terminal ({@link RawMode}), e.g. so that a test sees bytes exactly as they were written. */
    RawMode enterRawMode() {
        return fd.call(CallText.call("tcgetattr", fd.name()), RawMode::enter);
    }

    /** Close this descriptor; the pty lives on as long as anybody else has the slave or the master open. */
    @Override
    public void close() {
        fd.close();
    }
}
