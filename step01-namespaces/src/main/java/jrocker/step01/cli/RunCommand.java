package jrocker.step01.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ContainerRun;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jrocker run [-it] [--hostname NAME] COMMAND [ARG...]}: run COMMAND in new namespaces and exit with
 * its status. The options make a {@link RunSpec}; {@link #initPlan} says what the container's init does, in
 * order; {@link ContainerRun} does the rest, as in every step.
 */
@Command(name = "run",
        description = "Run COMMAND in new UTS, IPC, PID, mount, network and cgroup namespaces.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    NamespaceOptions namespaceOptions;

    @Mixin
    CommandArguments commandArguments;

    private final Step<? extends Syscalls> step;

    public RunCommand(Step<? extends Syscalls> step) {
        this.step = step;
    }

    /**
     * What this run was asked for.
     *
     * @param session -i, -t, --hostname
     * @param command COMMAND [ARG...]
     */
    public record RunSpec(NamespaceOptions.Settings session, List<String> command) {
        public RunSpec {
            command = List.copyOf(command);
        }
    }

    /** The options as one value. */
    RunSpec runSpec() {
        return new RunSpec(namespaceOptions.settings(), commandArguments.command());
    }

    @Override
    public Integer call() throws IOException {
        RunSpec run = runSpec();
        Syscalls syscalls = step.syscalls();
        run.session().requireRootAndTerminal(syscalls);
        ContainerId id = ContainerId.random();
        String hostname = run.session().hostname(id);
        ContainerRun container = new ContainerRun(new ContainerLauncher(syscalls, step.initMain()),
                EnumSet.allOf(Namespace.class), () -> ContainerLauncher.Stdio.inherit(run.session().interactive()),
                hostPlan());
        return container.run(() -> initPlan(run, hostname), Container::waitFor);
    }

    // tag::plan[]
    /** What jrocker does on the host for the container: nothing yet in step01 (step02 adds a cgroup). */
    static List<HostStage> hostPlan() {
        return List.of();
    }

    /** What the init does before it runs the command, in this order; then the command. */
    public static InitPlan initPlan(RunSpec run, String hostname) {
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new Stages.MakeMountsPrivate()); // first: nothing we mount may reach the host
        stages.add(new Stages.SetHostname(hostname));
        stages.add(new Stages.MountProc());         // a /proc that shows only the container's processes
        if (run.session().tty()) {
            stages.add(new Stages.TakeTerminal());  // -t: the container's shell owns the terminal
        }
        List<InitStage<?>> afterGo = List.of();
        return new InitPlan(stages, afterGo, new InitPlan.Command(run.command(), run.session().environment(hostname)));
    }
    // end::plan[]
}
