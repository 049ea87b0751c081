package jrocker.step05.console;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import jrocker.step05.linux.TerminalSyscalls;
import jrocker.step05.linux.WindowSize;
import jrocker.step05.terminal.CaughtSignals;
import jrocker.step05.terminal.RawMode;

// tag::attacher[]
/**
 * {@code jrocker attach}'s side of a container's console ({@link ConsoleKeeper}): the container's output frames
 * to jrocker's stdout and stderr; with stdin, what you type to the container, watched for the detach keys
 * ({@link DetachKeys}). For a container with a terminal, your terminal is in raw mode meanwhile (the container's
 * terminal does the echoing and the line editing), and its window size follows yours.
 */
public final class Attacher {
    /** What an attach ended with: the container ended, or you detached (and it runs on). */
    public enum End { CONTAINER_ENDED, DETACHED }

    private final TerminalSyscalls syscalls;
    private final SocketChannel channel;
    private final OutputStream toKeeper;
    private volatile boolean detached;

    public Attacher(TerminalSyscalls syscalls, SocketChannel channel) throws IOException {
        this.syscalls = syscalls;
        this.channel = channel;
        this.toKeeper = SocketStreams.output(channel);
        Frames.write(toKeeper, ConsoleKeeper.ATTACH, new byte[0], 0, 0);
    }

    /** Relay until the container ends or you detach; {@code input}: send your stdin; {@code tty}: the container has a terminal. */
    public End relay(boolean input, boolean tty) throws IOException {
        RawMode raw = input && tty && syscalls.isatty(0) ? RawMode.enter(syscalls, 0) : null;
        CaughtSignals windowChanges = tty ? CaughtSignals.windowChanges(this::sendWindowSize) : null;
        try {
            if (tty) {
                sendWindowSize();
            }
            if (input) {
                Thread keyboard = new Thread(this::sendInput, "jrocker-attach-input");
                keyboard.setDaemon(true); // a read of stdin cannot be interrupted: it must not keep jrocker alive
                keyboard.start();
            }
            showOutput();
            return detached ? End.DETACHED : End.CONTAINER_ENDED;
        } finally {
            if (windowChanges != null) {
                windowChanges.close();
            }
            if (raw != null) {
                raw.close();
            }
        }
    }

    /** The output frames, each to the stream it came from, until the keeper closes the connection (or you detach). */
    private void showOutput() throws IOException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        InputStream fromKeeper = SocketStreams.input(channel);
        try {
            Optional<Frames.Frame> frame;
            while ((frame = Frames.read(fromKeeper)).isPresent()) {
                OutputStream to = frame.get().kind() == Frames.STDERR ? err : out;
                to.write(frame.get().payload());
                to.flush();
            }
        } catch (IOException e) {
            if (!detached) { // detaching closes the connection under the read
                throw e;
            }
        }
    }

    private void sendInput() {
        DetachKeys keys = new DetachKeys();
        byte[] buffer = new byte[4096];
        InputStream keyboard = new FileInputStream(FileDescriptor.in);
        try {
            int count;
            while ((count = keyboard.read(buffer)) >= 0) {
                DetachKeys.Result result = keys.feed(buffer, count);
                send(Frames.STDIN, result.forward());
                if (result.detach()) {
                    detached = true;
                    channel.close(); // the keeper forgets this attacher; the output loop ends
                    return;
                }
            }
            send(Frames.STDIN, keys.end()); // your stdin ended; the container's stays open for the next attacher
        } catch (IOException e) {
            // the connection is gone: the container ended
        }
    }
    // end::attacher[]

    private void sendWindowSize() {
        Optional<WindowSize> size = syscalls.windowSize(0).or(() -> syscalls.windowSize(1));
        size.ifPresent(window -> {
            byte[] payload = {(byte) (window.rows() >>> 8), (byte) window.rows(), (byte) (window.columns() >>> 8),
                (byte) window.columns()};
            try {
                send(Frames.WINDOW_SIZE, payload);
            } catch (IOException e) {
                // the container ended
            }
        });
    }

    private void send(int kind, byte[] payload) throws IOException {
        if (payload.length == 0) {
            return;
        }
        synchronized (toKeeper) {
            Frames.write(toKeeper, kind, payload, 0, payload.length);
        }
    }
}
