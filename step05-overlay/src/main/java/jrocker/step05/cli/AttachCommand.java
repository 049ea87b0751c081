package jrocker.step05.cli;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.cli.Step;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.UnixSocketPath;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.console.Attacher;
import jrocker.step05.console.ConsoleKeeper;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerSignals;
import jrocker.step05.lifecycle.ContainerStatus;
import jrocker.step05.lifecycle.HostConfig;
import jrocker.step05.lifecycle.Signals;
import jrocker.step05.linux.LifecycleSyscalls;
import jrocker.step05.terminal.CaughtSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker attach [--no-stdin] CONTAINER}: show a running detached container's output as it comes, send it
 * your input (if it was run with -i), and with a terminal (-t) be its screen and keyboard. Ctrl-p ctrl-q
 * detaches: jrocker exits, the container runs on. Once the container exits, so does attach, with its status.
 */
@Command(name = "attach", description = "Attach your terminal to a running container's output, input and terminal"
        + " (detach with ctrl-p ctrl-q).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"N:the container's exit status, once it exited",
            "1:no such container, it is not running, or you detached (ctrl-p ctrl-q)", "125:attach failed"})
public class AttachCommand implements Callable<Integer> {
    @Option(names = "--no-stdin", description = "Do not send your input to the container.")
    boolean noStdin;

    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Pass the signals attach receives (ctrl-c's SIGINT, SIGTERM, SIGHUP, ...) on to the container's"
                    + " main process, without a terminal (-t) only (default: ${DEFAULT-VALUE}).")
    boolean sigProxy;

    /**
     * What {@code --sig-proxy} passes on: the signals a user sends to a program, all but those that stop or kill
     * attach itself (SIGKILL, SIGSTOP cannot be caught) and SIGQUIT, which the JVM keeps for its thread dumps.
     */
    static final List<String> PROXIED_SIGNALS = List.of("INT", "TERM", "HUP", "USR1", "USR2", "ALRM");

    @Parameters(paramLabel = "CONTAINER", description = "The container's name, ID or ID prefix.")
    String container;

    @Spec
    CommandSpec spec;

    private final Step<? extends LifecycleSyscalls> step;
    private final DataRootOption dataRoot;

    public AttachCommand(Step<? extends LifecycleSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    // tag::attach[]
    @Override
    public Integer call() throws IOException {
        ContainerRecord record = Containers.record(dataRoot.dataRoot(), container);
        if (!record.status().running()) {
            throw new ContainerException(Containers.NO_SUCH_CONTAINER, "you cannot attach to a stopped container,"
                    + " start it first (jrocker start -a " + container + ")");
        }
        ContainerConfig config = record.config();
        boolean input = !noStdin && HostConfig.read(record.directory()).interactive();
        if (input && config.tty() && !step.syscalls().isatty(0)) {
            throw ContainerException.runtime("the input device is not a TTY: use --no-stdin, or attach from a terminal");
        }
        Path socket = record.directory().resolve(ConsoleKeeper.SOCKET);
        if (!Files.exists(socket)) {
            throw ContainerException.runtime("container " + container + " runs in the foreground of the run that"
                    + " started it, which shows its output; attach works with containers run with -d or started by start");
        }
        try (SocketChannel channel = UnixSocketPath.connect(record.directory().resolve(ConsoleKeeper.SOCKET));
             ExitWatch exit = new ExitWatch(record);
             CaughtSignals proxy = proxySignals(record, config.tty())) {
            if (new Attacher(step.syscalls(), channel).relay(input, config.tty()) == Attacher.End.CONTAINER_ENDED) {
                return exitStatus(record, exit);
            }
        }
        spec.commandLine().getErr().println("read escape sequence"); // you detached: docker's words, and its status 1
        spec.commandLine().getErr().flush();
        return 1;
    }

    /**
     * {@code --sig-proxy}: until attach ends, each of the {@link #PROXIED_SIGNALS} it receives goes to the
     * container's PID 1 instead of ending attach, as {@code jrocker kill -s} would send it (ctrl-c in your terminal
     * sends SIGINT to attach, and the container decides what it means). With a terminal (-t) there is nothing
     * to pass on: your keys reach the container's terminal as they are, and its terminal makes the signals.
     */
    private CaughtSignals proxySignals(ContainerRecord record, boolean tty) {
        if (!sigProxy || tty) {
            return new CaughtSignals(List.of(), name -> { });
        }
        ContainerSignals signals = new ContainerSignals(step.syscalls());
        return new CaughtSignals(PROXIED_SIGNALS, name -> {
            try {
                signals.signal(record, Signals.parse(name));
            } catch (IOException | RuntimeException gone) {
                // the container is ending: attach ends with it
            }
        });
    }
    // end::attach[]

    /**
     * The container's exit status. The console ends after the monitor, which wrote it to {@code exit-status}
     * first; with --rm the reaper may have removed the container by then, so {@code watched} is what a watch of
     * that file saw meanwhile ({@link ExitWatch}).
     */
    private static int exitStatus(ContainerRecord record, ExitWatch watched) throws IOException {
        if (record.exists() && record.exitStatus().isPresent()) {
            return record.exitStatus().getAsInt();
        }
        if (record.exists() && record.state().exitCode() != null) {
            return record.state().exitCode();
        }
        return watched.status().orElse(0);
    }

    /** Reads the container's exit-status file every 50 ms while attached, for a container that --rm removes at its end. */
    private static final class ExitWatch implements AutoCloseable {
        private final Thread thread;
        private volatile java.util.OptionalInt status = java.util.OptionalInt.empty();

        ExitWatch(ContainerRecord record) {
            thread = new Thread(() -> {
                try {
                    while (status.isEmpty()) {
                        try {
                            status = record.exitStatus();
                        } catch (IOException | RuntimeException e) {
                            // removed, or being written
                        }
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    // attach is over
                }
            }, "jrocker-attach-exit");
            thread.setDaemon(true);
            thread.start();
        }

        java.util.OptionalInt status() {
            return status;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
