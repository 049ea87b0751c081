package jrocker.step05.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerRun;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step01.cli.Step;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.container.ChangeDirectory;
import jrocker.step05.container.JoinCgroupNamespace;
import jrocker.step05.container.JoinNamespaces;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.EnvironmentFlag;
import jrocker.step05.lifecycle.InContainer;
import jrocker.step05.terminal.AttachTerminal;
import jrocker.step05.terminal.PtyMaster;
import jrocker.step05.terminal.TerminalRelay;
import jrocker.step05.walls.ApplyWalls;
import jrocker.step05.walls.WallSettings;
import jrocker.step05.linux.LifecycleSyscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker exec [-it] [-e KEY=VALUE] [-w DIR] CONTAINER COMMAND [ARG...]}: run a command in a running
 * container: in all its namespaces, its cgroup and its root, with its environment. The same init and
 * conversation as {@code run} ({@link InContainer} explains the one difference), and the same exit codes.
 */
@Command(name = "exec", description = "Run a command in a running container.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the command succeeded", "1-124:the command's own exit status",
            "1:no such container, or it is not running", "125:jrocker itself failed",
            "126:the command cannot be executed", "127:the command was not found",
            "128+N:the command was killed by signal N"})
public class ExecCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interactive"}, description = "Keep stdin connected to the command.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal (use with -i: -it).")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set an environment variable (added to the container's).")
    List<String> environmentFlags = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory (default: the container's).")
    String workingDirectory;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Run as this user of the container's /etc/passwd, or UID (default: the container's user).")
    String user;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container's name, ID or ID prefix.")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Step<? extends LifecycleSyscalls> step;
    private final DataRootOption dataRoot;

    public ExecCommand(Step<? extends LifecycleSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() throws IOException {
        LifecycleSyscalls syscalls = step.syscalls();
        if (syscalls.geteuid() != 0) {
            throw ContainerException.runtime("exec needs root (joining namespaces needs CAP_SYS_ADMIN); try sudo");
        }
        if (tty && !syscalls.isatty(0)) {
            throw ContainerException.runtime("the input device is not a TTY: drop -t, or run from a terminal");
        }
        ContainerRecord record = Containers.record(dataRoot.dataRoot(), container);
        if (!record.status().running()) {
            throw new ContainerException(Containers.NO_SUCH_CONTAINER, "container " + container + " is not running"
                    + " (jrocker ps -a shows how it ended; jrocker run starts a new one)");
        }
        ContainerConfig config = record.config();
        long containerPid = record.state().pid();
        ContainerLauncher launcher = new ContainerLauncher(step.initMain(), new InContainer(syscalls, containerPid, record.directory()));
        // -t: a new pty in the container's devpts, opened before the start, so the plan can name its slave.
        PtyMaster terminal = tty ? PtyMaster.open(PtyMaster.containerPtmx(containerPid)) : null;
        try {
            if (terminal != null) {
                // Sized before the command starts, as run does between Ready and Go: it reads its window size once
                // it runs, and a new pty is 0x0.
                TerminalRelay.resizeToUserTerminal(terminal);
            }
            // The same run as run's, into the container's namespaces instead of new ones: Ctrl-C or SIGTERM to
            // jrocker ends the command it started in the container, not the container. -t: no stdin, as for
            // run -t: jrocker reads your terminal and relays it.
            ApplyWalls walls = walls(record, containerPid); // a bad -u fails before anything is started
            ContainerRun run = new ContainerRun(launcher, Set.of(),
                    () -> ContainerLauncher.Stdio.inherit(interactive && !tty), List.of(new JoinCgroup(config.id())));
            return run.run(() -> plan(config, containerPid, terminal, walls), started -> terminal != null
                    ? TerminalRelay.relayUserTerminal(terminal, interactive, started::waitFor) : started.waitFor());
        } finally {
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    // tag::exec-plan[]
    /**
     * The exec init's plan: join the container's namespaces (its PID namespace was joined by the launcher),
     * go to the working directory; after Go, join the cgroup namespace (and with -t take the terminal), put up
     * the container's walls; then exec, with the container's environment and the -e variables.
     */
    InitPlan plan(ContainerConfig config, long containerPid, PtyMaster terminal, ApplyWalls walls) {
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new JoinNamespaces(containerPid, JoinNamespaces.BEFORE_READY)); // <1>
        String directory = workingDirectory != null ? workingDirectory
                : config.workingDir().isEmpty() ? "/" : config.workingDir();
        stages.add(new ChangeDirectory(directory, false));
        List<InitStage<?>> afterGo = new ArrayList<>();
        afterGo.add(new JoinCgroupNamespace()); // <2>
        if (terminal != null) {
            afterGo.add(new AttachTerminal(terminal.slavePath()));
        }
        afterGo.add(walls); // the container's walls, last, as run puts them up
        return new InitPlan(stages, afterGo, new InitPlan.Command(command, environment(config))); // <3>
    }
    // end::exec-plan[]

    /**
     * docker exec's walls are the container's: its capabilities, seccomp profile and user (or -u), resolved in the
     * container's own /etc/passwd, read through its root.
     */
    private ApplyWalls walls(ContainerRecord record, long containerPid) throws IOException {
        WallSettings settings = WallSettings.read(record.directory());
        if (user != null) {
            settings = settings.withUser(user);
        }
        return RunCommand.walls(settings, dataRoot.dataRoot(), List.of(java.nio.file.Path.of("/proc/" + containerPid + "/root")));
    }

    private List<String> environment(ContainerConfig config) {
        try {
            return EnvironmentFlag.merge(List.of(config.env()), environmentFlags);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    /** Between Ready and Go, as run does: the command is born in the container's cgroup, under its limits. */
    record JoinCgroup(String containerId) implements HostStage {
        @Override
        public void betweenReadyAndGo(long initPid) {
            Cgroup.find(containerId, CgroupLayout.detect()).ifPresent(cgroup -> cgroup.addProcess(initPid));
        }
    }
}
