package jrocker.step05.console;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.UnixSocketPath;

// tag::detached-console[]
/**
 * {@code run -d}'s side of the console ({@link ConsoleKeeper}): make the container's named pipes, start the
 * keeper, and give the monitor the pipes as its stdio. The monitor starts while the keeper's JVM still boots:
 * so that neither waits for the other (opening a pipe's writing end waits for a reader, and the other way
 * round), jrocker opens each pipe itself, for reading and writing, until the keeper says it has them (its
 * socket appears). Meanwhile the pipe holds what the container writes; the keeper reads it from there.
 */
public final class DetachedConsole implements HostStage {
    private static final long READY_MILLIS = 20_000;

    private final Path directory;
    private final boolean interactive;
    private final boolean tty;
    private final List<RandomAccessFile> held = new ArrayList<>();
    private Process keeper;

    /**
     * @param directory the container's directory
     * @param interactive {@code -i}: the container's stdin is a pipe the keeper writes attachers' input to
     * @param tty {@code -t}: the keeper opens the container's terminal between Ready and Go
     */
    public DetachedConsole(Path directory, boolean interactive, boolean tty) {
        this.directory = directory;
        this.interactive = interactive;
        this.tty = tty;
    }

    /**
     * Make the pipes in the container's directory, start {@code keeperCommand [--interactive] DIR} ({@link ConsoleMain}),
     * and return the monitor's stdio: the pipes.
     */
    public ContainerLauncher.Stdio open(Path busybox, List<String> keeperCommand) throws IOException {
        List<String> pipes = new ArrayList<>(List.of(ConsoleKeeper.STDOUT_PIPE, ConsoleKeeper.STDERR_PIPE));
        if (interactive) {
            pipes.add(ConsoleKeeper.STDIN_PIPE);
        }
        for (String pipe : pipes) {
            makeFifo(busybox, directory.resolve(pipe));
            held.add(new RandomAccessFile(directory.resolve(pipe).toFile(), "rw")); // O_RDWR: never waits
        }
        List<String> command = new ArrayList<>(List.of(busybox.toString(), "setsid"));
        command.addAll(keeperCommand);
        if (interactive) {
            command.add("--interactive");
        }
        command.add(directory.toString());
        File nothing = new File("/dev/null");
        keeper = new ProcessBuilder(command).redirectInput(nothing).redirectOutput(nothing).redirectError(
                ProcessBuilder.Redirect.appendTo(directory.resolve("console.err").toFile())).start();
        ProcessBuilder.Redirect stdin = interactive ? ProcessBuilder.Redirect.from(directory.resolve(ConsoleKeeper.STDIN_PIPE).toFile())
                : ProcessBuilder.Redirect.from(nothing);
        return new ContainerLauncher.Stdio(stdin, ProcessBuilder.Redirect.to(directory.resolve(ConsoleKeeper.STDOUT_PIPE).toFile()),
                ProcessBuilder.Redirect.to(directory.resolve(ConsoleKeeper.STDERR_PIPE).toFile()));
    }
    // end::detached-console[]

    /** The keeper holds the pipes once its socket is there: jrocker lets go of them. */
    @Override
    public void whileInitBoots() throws IOException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (!Files.exists(directory.resolve(ConsoleKeeper.SOCKET))) {
            if (!keeper.isAlive() || System.currentTimeMillis() > deadline) {
                throw ContainerException.runtime("the container's console (" + ConsoleMain.class.getSimpleName() + ") did not start"
                        + (keeper.isAlive() ? "" : ": " + keeperError()));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ContainerException.runtime("interrupted while the container's console started");
            }
        }
        closeHeld();
    }

    /** -t: the keeper creates the container's terminal, now that its /dev/pts is mounted, and keeps its master. */
    @Override
    public void betweenReadyAndGo(long initPid) throws IOException {
        if (!tty) {
            return;
        }
        try (SocketChannel channel = UnixSocketPath.connect(directory.resolve(ConsoleKeeper.SOCKET))) {
            byte[] pid = Long.toString(initPid).getBytes(StandardCharsets.US_ASCII);
            Frames.write(SocketStreams.output(channel), ConsoleKeeper.OPEN_TERMINAL, pid, 0, pid.length);
            InputStream in = SocketStreams.input(channel);
            Frames.Frame answer = Frames.read(in).orElseThrow(() -> ContainerException.runtime(
                    "the container's console ended before it opened the terminal"));
            if (answer.payload().length > 0) {
                throw ContainerException.runtime("the container's console could not open its terminal: "
                        + new String(answer.payload(), StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The start failed (the container runs on after a successful {@code run -d}, and this is not called): the
     * keeper ends once jrocker and the monitor have closed the pipes; it must be gone before the container's
     * directory may go.
     */
    @Override
    public void undo() {
        closeHeld();
        if (keeper == null) {
            return;
        }
        try {
            if (!keeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                keeper.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeHeld() {
        for (RandomAccessFile pipe : held) {
            try {
                pipe.close();
            } catch (IOException e) {
                // closed
            }
        }
        held.clear();
    }

    private String keeperError() {
        try {
            return Files.readString(directory.resolve("console.err")).strip();
        } catch (IOException e) {
            return "exit status " + keeper.exitValue();
        }
    }

    private static void makeFifo(Path busybox, Path fifo) throws IOException {
        Files.deleteIfExists(fifo); // a last run's
        try {
            Process mkfifo = new ProcessBuilder(busybox.toString(), "mkfifo", "-m", "600", fifo.toString())
                    .redirectErrorStream(true).start();
            String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mkfifo.waitFor() != 0) {
                throw ContainerException.runtime("cannot make the named pipe " + fifo + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContainerException.runtime("interrupted while making " + fifo);
        }
    }
}
