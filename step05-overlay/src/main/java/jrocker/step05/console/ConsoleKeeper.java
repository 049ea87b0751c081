package jrocker.step05.console;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jrocker.step01.container.UnixSocketPath;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.terminal.PtyMaster;

// tag::keeper[]
/**
 * The console of a detached container: {@link ConsoleMain} {@code DIR}, a small JVM that lives as long as the
 * container's monitor. Someone must hold the reading end of a detached container's output, or the container
 * would get SIGPIPE on its first write once {@code run -d} has exited; and someone must hold its terminal's
 * master ({@code -t}), or the terminal would hang up. The keeper does, and with what it reads it does two things:
 * <ul>
 *   <li>it writes every chunk to the container's log, with its stream and time ({@link ContainerLog});</li>
 *   <li>it sends it to every attacher connected to {@code attach.sock} in the container's directory
 *       ({@link Frames}), and writes what attachers type to the container's stdin (or its terminal).</li>
 * </ul>
 * The container's stdout and stderr are named pipes (FIFOs) in its directory, {@code stdout.pipe} and
 * {@code stderr.pipe}; its stdin, with {@code -i}, {@code stdin.pipe}. A named pipe is how two processes that
 * are not parent and child share a pipe: the monitor's stdio is opened on them by path, and the keeper opens
 * the other ends. The keeper reads until every process that had a pipe's writing end (the monitor, the
 * container's processes, the reaper) has closed it: then the container is over, and so is the keeper.
 */
public final class ConsoleKeeper {
    public static final String STDOUT_PIPE = "stdout.pipe";
    public static final String STDERR_PIPE = "stderr.pipe";
    public static final String STDIN_PIPE = "stdin.pipe";
    public static final String SOCKET = "attach.sock";
    /** A connection's first frame: an attacher ({@code jrocker attach}), ... */
    public static final int ATTACH = 5;
    /** ... or {@code run -d -t} asking the keeper to open the container's terminal (payload: the init's PID). */
    public static final int OPEN_TERMINAL = 4;
    // end::keeper[]

    private static final long DRAIN_MILLIS = 2000;

    /** Whether the container in {@code directory} has a console that still runs (and may write to its log). */
    public static boolean serves(Path directory) {
        Path socket = directory.resolve(SOCKET);
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel probe = UnixSocketPath.connect(directory.resolve(SOCKET))) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // a socket left by a console that was killed
        }
    }

    private final Path directory;
    private final boolean interactive;
    private final ContainerLog log;
    private final List<Attachment> attachers = new CopyOnWriteArrayList<>();
    /** Where attachers' input goes: the stdin pipe, or the terminal once open; null when the container has no stdin. */
    private volatile OutputStream input;
    private volatile PtyMaster master;
    private volatile Thread terminalOutput;

    public ConsoleKeeper(Path directory, boolean interactive) throws IOException {
        this.directory = directory;
        this.interactive = interactive;
        this.log = ContainerLog.appendingTo(ContainerRecord.logFile(directory));
    }

    // tag::serve[]
    /** Keep the console until the container is over. The socket appears once the pipes are open: the run waits for it. */
    public void serve() throws IOException, InterruptedException {
        InputStream stdout = new FileInputStream(directory.resolve(STDOUT_PIPE).toFile());
        InputStream stderr = new FileInputStream(directory.resolve(STDERR_PIPE).toFile());
        if (interactive) {
            input = new FileOutputStream(directory.resolve(STDIN_PIPE).toFile()); // held open: no EOF between attachers
        }
        Path socket = directory.resolve(SOCKET);
        Files.deleteIfExists(socket); // a last run's, whose keeper was killed
        try (ServerSocketChannel server = UnixSocketPath.bind(directory.resolve(SOCKET))) {
            daemon("jrocker-console-accept", () -> accept(server));
            Thread out = daemon("jrocker-console-stdout", () -> pump(stdout, ContainerLog.Stream.STDOUT));
            Thread err = daemon("jrocker-console-stderr", () -> pump(stderr, ContainerLog.Stream.STDERR));
            out.join();
            err.join();
            endTerminal();
        } finally {
            Files.deleteIfExists(socket);
            for (Attachment attacher : attachers) {
                attacher.finish(DRAIN_MILLIS); // what is queued for it, then its read ends: the container is over
            }
            log.close();
        }
    }

    /** Copy one of the container's outputs to its log and to every attacher, until every writer has closed it. */
    private void pump(InputStream from, ContainerLog.Stream stream) {
        byte[] buffer = new byte[8192];
        try (from) {
            int count;
            while ((count = from.read(buffer)) >= 0) {
                log.write(stream, buffer, 0, count);
                for (Attachment attacher : attachers) {
                    send(attacher, stream == ContainerLog.Stream.STDOUT ? Frames.STDOUT : Frames.STDERR, buffer, count);
                }
            }
        } catch (IOException e) {
            // the log cannot be written: nothing left to keep
        }
    }
    // end::serve[]

    private void send(Attachment attacher, int kind, byte[] buffer, int count) {
        if (!attacher.offer(new Frames.Frame(kind, java.util.Arrays.copyOf(buffer, count)))) {
            attachers.remove(attacher); // it does not keep up (stopped with ctrl-z, say): it must not stop the container
            attacher.close();
        }
    }

    /**
     * One attacher's connection, written by a thread of its own from a queue: the pumps never wait for an
     * attacher, so one that stops reading cannot stall the container's output, nor the log.
     */
    private static final class Attachment {
        private static final int QUEUED_FRAMES = 1024;
        /** Queued after the last frame when the container is over: the writer stops there. */
        private static final Frames.Frame END = new Frames.Frame(-1, new byte[0]);
        private final OutputStream out;
        private final java.util.concurrent.BlockingQueue<Frames.Frame> frames = new java.util.concurrent.ArrayBlockingQueue<>(QUEUED_FRAMES);
        private final Thread writer;

        Attachment(OutputStream out) {
            this.out = out;
            writer = daemon("jrocker-console-attacher", this::writeFrames);
        }

        boolean offer(Frames.Frame frame) {
            return frames.offer(frame);
        }

        private void writeFrames() {
            try {
                Frames.Frame frame;
                while ((frame = frames.take()) != END) {
                    Frames.write(out, frame.kind(), frame.payload(), 0, frame.payload().length);
                }
            } catch (IOException | InterruptedException e) {
                // it left (detached, or was killed)
            }
            close();
        }

        /**
         * The container is over: let the writer send what is queued (the container's last words, written just
         * before it exited), for at most {@code millis}, then close the connection.
         */
        void finish(long millis) throws InterruptedException {
            if (frames.offer(END)) {
                writer.join(millis);
            }
            close();
        }

        void close() {
            closeQuietly(out);
        }
    }

    private void accept(ServerSocketChannel server) {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                daemon("jrocker-console-connection", () -> converse(connection));
            }
        } catch (IOException e) {
            // the server is closed: the container is over
        }
    }

    /** One connection: an attacher (its output frames, its input to the container), or the run opening the terminal. */
    private void converse(SocketChannel connection) {
        InputStream in = SocketStreams.input(connection);
        OutputStream out = SocketStreams.output(connection);
        Attachment attachment = null;
        try (connection) {
            Optional<Frames.Frame> first = Frames.read(in);
            if (first.isEmpty()) {
                return;
            }
            if (first.get().kind() == OPEN_TERMINAL) {
                openTerminal(Long.parseLong(new String(first.get().payload(), StandardCharsets.US_ASCII)), out);
                return;
            }
            attachment = new Attachment(out);
            attachers.add(attachment);
            Optional<Frames.Frame> frame;
            while ((frame = Frames.read(in)).isPresent()) {
                byte[] payload = frame.get().payload();
                OutputStream to = input;
                if (frame.get().kind() == Frames.STDIN && to != null) {
                    to.write(payload);
                    to.flush();
                } else if (frame.get().kind() == Frames.WINDOW_SIZE && master != null && payload.length == 4) {
                    master.resize(((payload[0] & 0xff) << 8) | (payload[1] & 0xff), ((payload[2] & 0xff) << 8) | (payload[3] & 0xff));
                }
            }
        } catch (IOException | RuntimeException e) {
            // this attacher is gone; the container and the others go on
        } finally {
            if (attachment != null) {
                attachers.remove(attachment);
            }
        }
    }

    /**
     * {@code run -d -t}, between Ready and Go: create the container's terminal, as {@code run -t} does in the
     * foreground, and keep its master. Answers with an empty frame, or the error's text.
     */
    private void openTerminal(long initPid, OutputStream out) throws IOException {
        try {
            PtyMaster opened = PtyMaster.openFirstInContainer(initPid);
            master = opened;
            if (interactive) {
                input = opened.output();
            }
            terminalOutput = daemon("jrocker-console-terminal", () -> pump(opened.input(), ContainerLog.Stream.STDOUT));
            Frames.write(out, OPEN_TERMINAL, new byte[0], 0, 0);
        } catch (RuntimeException e) {
            byte[] message = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            Frames.write(out, OPEN_TERMINAL, message, 0, message.length);
        }
    }

    /** The monitor has exited, so the container's processes are gone: read the terminal's last output, then close it. */
    private void endTerminal() throws InterruptedException {
        Thread output = terminalOutput;
        if (output != null) {
            output.join(DRAIN_MILLIS);
            master.close();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
