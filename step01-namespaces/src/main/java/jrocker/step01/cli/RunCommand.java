package jrocker.step01.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jrocker.step01.Main;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ExitCodes;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrocker run [-it] [--hostname NAME] COMMAND [ARG...]}: run COMMAND in new namespaces and
 * exit with its status. Later steps extend this class: each adds its options and overrides the
 * methods that build the container ({@link #stages}, {@link #hostSetup}, ...).
 */
@Command(name = "run",
        description = "Run COMMAND in new UTS, IPC, PID, mount, network and cgroup namespaces.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the command succeeded",
            "1-124:the command's own exit status",
            "2:invalid command line (usage error)",
            "125:jrocker itself failed (not root, bad option values, a kernel call refused)",
            "126:the command cannot be executed",
            "127:the command was not found",
            "128+N:the command was killed by signal N (137: SIGKILL)"})
public class RunCommand implements Callable<Integer> {

    @Option(names = {"-i", "--interactive"}, description = "Keep stdin connected to the container.")
    protected boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "The container's command runs on your terminal (use with -i: -it).")
    protected boolean tty;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The container's hostname (default: its short ID).")
    protected String hostname;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, passed as they are.")
    protected List<String> command = new ArrayList<>();

    /** The command and its arguments, as given. */
    public List<String> command() {
        return List.copyOf(command);
    }

    /** What the container runs: COMMAND and its arguments (step05 adds an image's entrypoint and default command). */
    protected List<String> argv() {
        return command();
    }

    /** The system calls this step makes; a later step returns its own, larger set. */
    protected Syscalls syscalls() {
        return new LinuxSyscalls();
    }

    /** The class whose main answers {@code init SOCKET}: the init must be the same step's program. */
    protected Class<?> mainClass() {
        return Main.class;
    }

    @Override
    public Integer call() throws IOException {
        Syscalls syscalls = syscalls();
        requireRoot(syscalls);
        if (tty && !syscalls.isatty(0)) {
            throw ContainerException.runtime("the input device is not a TTY: drop -t, or run from a terminal");
        }
        ContainerId id = ContainerId.random();
        // If jrocker itself is stopped (Ctrl-C, SIGTERM), the JVM runs its shutdown hooks and then halts
        // without finishing this method: the hook kills the container and cleans up, so a foreground
        // container never outlives its run and leaves nothing behind.
        Thread onShutdown = new Thread(() -> stopAndCleanUp(id), "jrocker-stop-container");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            launcher = launcher(syscalls, id);
            ContainerLauncher.Stdio stdio = stdio(id);
            synchronized (lifecycle) {
                requireNotStopping();
                // The init is a JVM: it needs tens of milliseconds to boot. Start it first, and prepare
                // the container meanwhile; it waits for its plan.
                launcher.bootInit(namespaces(), stdio);
                prepare(id);
            }
            String name = hostname != null ? hostname : id.shortId();
            InitPlan plan = new InitPlan(stages(id, name), stagesAfterGo(), new InitPlan.Command(argv(), environment(name)));
            Container container = launcher.completeStart(plan, whileNotStopping(hostSetup(id)));
            return waitFor(id, container);
        } finally {
            stopAndCleanUp(id);
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /**
     * Creating things (prepare, hostSetup) and removing them (stopAndCleanUp) never overlap: the shutdown
     * hook runs while the main thread goes on, and must neither miss a cgroup being created nor let one be
     * created after it cleaned up.
     */
    private final Object lifecycle = new Object();
    private boolean stopping;
    private volatile ContainerLauncher launcher;

    private void requireNotStopping() {
        if (stopping) {
            throw ContainerException.runtime("jrocker was stopped before the container started");
        }
    }

    private ContainerLauncher.HostSetup whileNotStopping(ContainerLauncher.HostSetup hostSetup) {
        return initPid -> {
            synchronized (lifecycle) {
                requireNotStopping();
                hostSetup.beforeExec(initPid);
            }
        };
    }

    /** Kill the container's init if it runs, then {@link #cleanUp} once, from whichever thread comes first. */
    private void stopAndCleanUp(ContainerId id) {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            ContainerLauncher started = launcher;
            if (started != null && !containerOutlivesRun()) {
                started.killInit(5);
            }
            cleanUp(id);
        }
    }

    /** The container's stdin, stdout and stderr: jrocker's own (stdin only with -i); step05's -d uses a log file. */
    protected ContainerLauncher.Stdio stdio(ContainerId id) throws IOException {
        return ContainerLauncher.Stdio.inherit(interactive);
    }

    /** What starts the container's init; step05 returns one that puts a monitor process above it. */
    protected ContainerLauncher launcher(Syscalls syscalls, ContainerId id) {
        return new ContainerLauncher(syscalls, mainClass());
    }

    /**
     * True when the container keeps running after {@code run} returns, so it must not be killed then: never in
     * step01, where a container lives exactly as long as its {@code run} (step05's {@code run -d} says true
     * once its container started).
     */
    protected boolean containerOutlivesRun() {
        return false;
    }

    /** Prepare the host before the container starts; nothing in step01 (step03 unpacks a root file system). */
    protected void prepare(ContainerId id) throws IOException {
    }

    /** Undo {@link #prepare} and whatever {@link #hostSetup} made; runs however the container ended. */
    protected void cleanUp(ContainerId id) {
    }

    /** picocli's model of this command: where to print. */
    protected picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }

    // tag::stages[]
    /** What the init does before it runs the command, in this order. */
    protected List<InitStage<?>> stages(ContainerId id, String hostname) {
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new Stages.MakeMountsPrivate()); // first: nothing we mount may reach the host
        stages.add(new Stages.SetHostname(hostname));
        stages.add(new Stages.MountProc());         // a /proc that shows only the container's processes
        if (tty) {
            stages.add(new Stages.TakeTerminal());  // -t: the container's shell owns the terminal
        }
        return stages;
    }
    // end::stages[]

    /** What the init does after Go, right before exec; nothing yet in step01 (step02 uses it). */
    protected List<InitStage<?>> stagesAfterGo() {
        return List.of();
    }

    /** Every namespace step01 teaches. */
    protected Set<Namespace> namespaces() {
        return EnumSet.allOf(Namespace.class);
    }

    /** What jrocker does on the host between the init's Ready and Go; nothing yet in step01. */
    protected ContainerLauncher.HostSetup hostSetup(ContainerId id) {
        return ContainerLauncher.HostSetup.NOTHING;
    }

    /** The command's environment. Like docker: nothing from the host, a PATH, HOSTNAME and HOME. */
    protected List<String> environment(String hostname) {
        List<String> env = new ArrayList<>();
        env.add("PATH=" + CommandLookup.DEFAULT_PATH);
        env.add("HOSTNAME=" + hostname);
        env.add("HOME=/root");
        if (tty) {
            env.add("TERM=" + System.getenv().getOrDefault("TERM", "xterm"));
        }
        return env;
    }

    /** Wait for the container and return its status; a later step adds what it learns from the end. */
    protected int waitFor(ContainerId id, Container container) {
        return container.waitFor();
    }

    /** Namespaces and mounts need CAP_SYS_ADMIN: in practice, root. */
    protected void requireRoot(Syscalls syscalls) {
        if (syscalls.geteuid() != 0) {
            throw new ContainerException(ExitCodes.RUNTIME_FAILED,
                    "run needs root (namespaces and mounts need CAP_SYS_ADMIN); try sudo");
        }
    }
}
