package jrocker.step02.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jrocker.step01.cli.CommandArguments;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step01.cli.Step;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ContainerRun;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step02.container.EnterCgroupNamespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * step02's {@code run}: step01's, plus docker's resource limits. Each container gets its own cgroup,
 * {@code jrocker/ID} in every hierarchy it uses ({@link ContainerCgroup}); the init is placed in it between
 * Ready and Go, so the user's command never runs a moment without its limits; the cgroup is removed when
 * the container ends, however it ends.
 */
@Command(name = "run",
        description = "Run COMMAND in new namespaces and its own cgroup, with optional resource limits.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    NamespaceOptions namespaceOptions;

    @Mixin
    LimitOptions limitOptions;

    @Mixin
    CommandArguments commandArguments;

    @Spec
    CommandSpec commandSpec;

    private final Step<? extends Syscalls> step;

    public RunCommand(Step<? extends Syscalls> step) {
        this.step = step;
    }

    /**
     * What this run was asked for.
     *
     * @param session -i, -t, --hostname
     * @param limits  -m, --cpus, --cpu-shares, --cpuset-cpus, --pids-limit
     * @param command COMMAND [ARG...]
     */
    public record RunSpec(NamespaceOptions.Settings session, ResourceLimits limits, List<String> command) {
        public RunSpec {
            command = List.copyOf(command);
        }
    }

    /** The options as one value; bad limits fail here, before anything is created. */
    RunSpec runSpec() {
        return new RunSpec(namespaceOptions.settings(), limitOptions.limits(), commandArguments.command());
    }

    @Override
    public Integer call() throws IOException {
        RunSpec run = runSpec();
        Syscalls syscalls = step.syscalls();
        run.session().requireRootAndTerminal(syscalls);
        ContainerId id = ContainerId.random();
        String hostname = run.session().hostname(id);
        ContainerCgroup cgroup = new ContainerCgroup(id, run.limits());
        ContainerRun container = new ContainerRun(new ContainerLauncher(syscalls, step.initMain()), NAMESPACES,
                () -> ContainerLauncher.Stdio.inherit(run.session().interactive()), hostPlan(cgroup));
        return container.run(() -> initPlan(run, hostname), started -> cgroup.waitFor(started, commandSpec.commandLine().getErr()));
    }

    // tag::plan[]
    /**
     * The namespaces jrocker creates: no longer the cgroup namespace, which the init creates after it has been
     * placed in its cgroup ({@link EnterCgroupNamespace}).
     */
    public static final Set<Namespace> NAMESPACES = EnumSet.complementOf(EnumSet.of(Namespace.CGROUP));

    /** What jrocker does on the host for the container: its cgroup. */
    static List<HostStage> hostPlan(ContainerCgroup cgroup) {
        return List.of(cgroup);
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
        List<InitStage<?>> afterGo = List.of(
                new EnterCgroupNamespace());        // in its cgroup now: the container sees it as "/"
        return new InitPlan(stages, afterGo, new InitPlan.Command(run.command(), run.session().environment(hostname)));
    }
    // end::plan[]
}
