package jrocker.step05.terminal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.IntSupplier;
import jrocker.step05.linux.TerminalSyscalls;

/**
 * jrocker's half of {@code run -it}: while the container runs, it plays the screen and the keyboard of the
 * container's pty. Two threads copy bytes: the user's keys to the pty's master, and what the container writes
 * from the master to the user's screen. Nothing is interpreted on the way: the container's pty does the
 * terminal's work (echo, line editing, Ctrl-C → SIGINT), and the user's own terminal is in raw mode so that it
 * does none of it a second time ({@link RawMode}).
 *
 * <p><b>The end.</b> Reading a pty's master returns EIO once no process has the slave open any more: the
 * normal end of the output. The relay holds a slave descriptor itself while it waits for the container
 * ({@link PtyMaster#openSlave}) and closes it once the container has exited; the output thread then reads what
 * the container wrote last, up to EIO, before the relay returns. Nothing written just before exit is lost, and
 * the end always comes: a master whose slave was never opened (the command failed before it got its terminal)
 * would wait forever instead of returning EIO.
 */
public final class TerminalRelay {
    /** How long the output may take to drain after the container exited (normally: no time at all). */
    static final long DRAIN_MILLIS = 2000;
    /** How long to wait for a relay thread once its descriptors are closed (at most one poll interval). */
    private static final long STOP_MILLIS = 1000;

    private TerminalRelay() {
    }

    // tag::relay-user-terminal[]
    /**
     * Relay jrocker's own terminal (stdin, stdout) and {@code master} until {@code waitForExit} returns the
     * container's status, which this returns. With {@code interactive} ({@code -i}) the keyboard goes to the
     * container, and when stdin is a terminal it is in raw mode meanwhile (restored however this ends). The
     * pty's window size follows the user's terminal, on every SIGWINCH. Closes {@code master}.
     */
    public static int relayUserTerminal(PtyMaster master, boolean interactive, IntSupplier waitForExit) {
        return relayUserTerminal(master, interactive, new FileOutputStream(FileDescriptor.out), waitForExit);
    }

    /** {@link #relayUserTerminal(PtyMaster, boolean, IntSupplier)}, showing the container's output on {@code screen}. */
    public static int relayUserTerminal(PtyMaster master, boolean interactive, OutputStream screen, IntSupplier waitForExit) {
        TerminalSyscalls syscalls = master.syscalls();
        InputStream keyboard = interactive ? PolledFd.borrow(syscalls, 0, "stdin").inputStream() : null;
        resizeToUserTerminal(master); // it may have changed since the pty was created
        CaughtSignals windowChanges = CaughtSignals.windowChanges(() -> resizeToUserTerminal(master));
        RawMode raw = null;
        try {
            if (interactive && syscalls.isatty(0)) { // a pipe or a file has no modes
                raw = RawMode.enter(syscalls, 0);
            }
            return relay(master, keyboard, screen, waitForExit);
        } finally {
            if (raw != null) {
                raw.close();
            }
            windowChanges.close();
        }
    }
    // end::relay-user-terminal[]

    /** Copy the size of jrocker's terminal (stdin's, else stdout's) to the pty; nothing when neither is one. */
    public static void resizeToUserTerminal(PtyMaster master) {
        TerminalSyscalls syscalls = master.syscalls();
        syscalls.windowSize(0).or(() -> syscalls.windowSize(1)).ifPresent(size -> {
            try {
                master.resize(size);
            } catch (RuntimeException e) {
                // The pty is being closed: the container is gone, its size no longer matters.
            }
        });
    }

    // tag::relay[]
    /**
     * Relay {@code in} to {@code master} and {@code master} to {@code out} until {@code waitForExit} returns the
     * container's status, which this returns once the container's last output has been copied to {@code out}.
     * {@code in} may be null (no input, as without {@code -i}); it is closed at the end, to stop the thread
     * reading it. Closes {@code master}. No raw mode, no window size: {@link #relayUserTerminal} adds those.
     */
    public static int relay(PtyMaster master, InputStream in, OutputStream out, IntSupplier waitForExit) {
        PtySlave heldOpen;
        try {
            heldOpen = master.openSlave(); // no end of output before the container exits (see above)
        } catch (RuntimeException e) {
            master.close();
            throw e;
        }
        Thread output = copyInBackground("jrocker-pty-output", master.input(), out);
        Thread input = in == null ? null : copyInBackground("jrocker-pty-input", in, master.output());
        try {
            return waitForExit.getAsInt();
        } finally {
            heldOpen.close();           // the container's processes are gone: the last slave closes now...
            join(output, DRAIN_MILLIS); // ...and the output thread reads what is left, then EIO
            master.close();             // ends a reader still waiting (someone else holds the slave) and the writer
            closeQuietly(in);           // ends the wait for input
            join(output, STOP_MILLIS);
            join(input, STOP_MILLIS);
        }
    }
    // end::relay[]

    /** A daemon thread that copies until {@code from} ends or either side fails: it never keeps jrocker alive. */
    private static Thread copyInBackground(String name, InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int count;
                while ((count = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, count);
                    to.flush();
                }
            } catch (IOException e) {
                // One side is gone (the pty was closed, stdout was closed): this direction is done.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread, long millis) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // it only had to stop
        }
    }
}
