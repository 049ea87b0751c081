package jrocker.step05.terminal;

import java.util.concurrent.atomic.AtomicBoolean;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.TerminalSyscalls;

/**
 * The user's terminal in raw mode while jrocker relays it to a container's pty, and back as it was afterwards.
 *
 * <p><b>Why raw.</b> Normally ("cooked" mode) the terminal driver edits a line before a program gets it,
 * echoes what is typed, and turns Ctrl-C into SIGINT for the foreground process group: here, jrocker. With a
 * pty in the container, the container's terminal driver must do all that, once: so the user's terminal must
 * pass every key through untouched (Ctrl-C as the byte 0x03, which the container's pty turns into SIGINT for
 * the container's foreground job), echo nothing (the container's pty echoes) and not translate output (the
 * container's pty already turned "\n" into "\r\n"). cfmakeraw(3) sets exactly that.
 *
 * <p><b>Why tcgetattr/tcsetattr and not {@code stty}.</b> {@code stty -g} and {@code stty raw -echo} would do
 * it through two child processes whose stdin must be the terminal, and the restore would have to start a
 * process from a shutdown hook while the JVM is exiting. With the C calls, the saved settings are an opaque
 * byte array that goes back with one call, from any thread, at any moment, with nothing to parse.
 *
 * <p><b>Restored on every way out.</b> A terminal left raw is unusable (no echo, no line editing) until
 * {@code reset}. So {@link #close} restores it, and a shutdown hook does too if jrocker is stopped by a
 * signal first (SIGTERM, SIGHUP). Only SIGKILL leaves it raw: nothing runs after that.
 */
public final class RawMode implements AutoCloseable {
    private final TerminalSyscalls syscalls;
    private final int fd;
    private final byte[] saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Thread restoreOnShutdown;

    private RawMode(TerminalSyscalls syscalls, int fd, byte[] saved) {
        this.syscalls = syscalls;
        this.fd = fd;
        this.saved = saved;
        this.restoreOnShutdown = new Thread(this::restore, "jrocker-restore-terminal");
    }

    // tag::enter[]
    /** Save the settings of the terminal on {@code fd} (0 for jrocker's stdin), then switch it to raw mode. */
    public static RawMode enter(TerminalSyscalls syscalls, int fd) {
        byte[] saved = syscalls.terminalSettings(fd);
        byte[] raw = syscalls.rawSettings(saved);
        RawMode mode = new RawMode(syscalls, fd, saved);
        Runtime.getRuntime().addShutdownHook(mode.restoreOnShutdown); // before the change: no window without it
        try {
            syscalls.applyTerminalSettings(fd, raw);
        } catch (SyscallException e) {
            mode.close();
            throw e;
        }
        return mode;
    }
    // end::enter[]

    /** Put the saved settings back (once, whoever comes first: this or the shutdown hook). */
    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs, or has run, and finds the terminal restored
        }
    }

    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            syscalls.applyTerminalSettings(fd, saved);
        } catch (SyscallException e) {
            // The terminal went away (the user closed the window): there is nothing left to restore.
        }
    }
}
