package jrocker.step03.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step02.cli.LimitOptions;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step02.container.EnterCgroupNamespace;
import jrocker.step03.container.Chroot;
import jrocker.step03.container.DataRoot;
import jrocker.step03.container.RootHasProc;
import jrocker.step03.container.UnpackRootfs;
import jrocker.step03.linux.RootfsSyscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * step03's {@code run}: step02's, plus {@code --rootfs}. A directory is used as it is; a tar is unpacked into
 * the container's own directory ({@link UnpackRootfs}), and the init chroots into the root before it mounts
 * /proc.
 */
@Command(name = "run",
        description = "Run COMMAND in new namespaces and its own cgroup; with --rootfs, in its own root file system.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    NamespaceOptions namespaceOptions;

    @Mixin
    LimitOptions limitOptions;

    @Mixin
    RootfsOption rootfsOption;

    @Mixin
    CommandArguments commandArguments;

    @Spec
    CommandSpec commandSpec;

    private final Step<? extends RootfsSyscalls> step;
    private final DataRootOption dataRoot;

    public RunCommand(Step<? extends RootfsSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    /**
     * What this run was asked for (step04's {@code run} takes the same).
     *
     * @param session -i, -t, --hostname
     * @param limits  -m, --cpus, --cpu-shares, --cpuset-cpus, --pids-limit
     * @param rootfs  --rootfs
     * @param command COMMAND [ARG...]
     */
    public record RunSpec(NamespaceOptions.Settings session, ResourceLimits limits, Rootfs rootfs, List<String> command) {
        public RunSpec {
            command = List.copyOf(command);
        }

        /** Read from a run command's mixins; bad values fail here, before anything is created. */
        public static RunSpec of(NamespaceOptions session, LimitOptions limits, RootfsOption rootfs, CommandArguments command) {
            return new RunSpec(session.settings(), limits.limits(), rootfs.rootfs(), command.command());
        }
    }

    /** A step's host plan for a run. */
    @FunctionalInterface
    public interface HostPlanner {
        List<HostStage> plan(RunSpec run, DataRoot dataRoot, ContainerId id, ContainerCgroup cgroup, PrintWriter err);
    }

    /** A step's init plan for a run: with the host plan, all that step03's and step04's runs differ in. */
    @FunctionalInterface
    public interface InitPlanner {
        InitPlan plan(RunSpec run, String hostname, Optional<Path> root);
    }

    @Override
    public Integer call() throws IOException {
        RunSpec run = RunSpec.of(namespaceOptions, limitOptions, rootfsOption, commandArguments);
        return start(step, dataRoot.dataRoot(), run, commandSpec.commandLine().getErr(), RunCommand::hostPlan,
                RunCommand::initPlan);
    }

    /** Run the container {@code run} asks for, with the plans {@code hostPlanner} and {@code initPlanner} make, and wait for it. */
    public static int start(Step<? extends RootfsSyscalls> step, DataRoot dataRoot, RunSpec run, PrintWriter err,
                            HostPlanner hostPlanner, InitPlanner initPlanner) throws IOException {
        run.session().requireRootAndTerminal(step.syscalls());
        ContainerId id = ContainerId.random();
        String hostname = run.session().hostname(id);
        ContainerCgroup cgroup = new ContainerCgroup(id, run.limits());
        ContainerRun container = new ContainerRun(new ContainerLauncher(step.syscalls(), step.initMain()),
                jrocker.step02.cli.RunCommand.NAMESPACES, () -> ContainerLauncher.Stdio.inherit(run.session().interactive()),
                hostPlanner.plan(run, dataRoot, id, cgroup, err));
        Optional<Path> root = run.rootfs().root(dataRoot, id);
        return container.run(() -> initPlanner.plan(run, hostname, root), started -> cgroup.waitFor(started, err));
    }

    // tag::plan[]
    /**
     * What jrocker does on the host for the container: its cgroup; with --rootfs TAR, unpack it; with either
     * --rootfs, check that the root has the proc directory the init mounts proc on.
     */
    public static List<HostStage> hostPlan(RunSpec run, DataRoot dataRoot, ContainerId id, ContainerCgroup cgroup, PrintWriter err) {
        List<HostStage> stages = new ArrayList<>();
        stages.add(cgroup);
        if (run.rootfs() instanceof Rootfs.Tar tar) {
            stages.add(new UnpackRootfs(tar.file(), dataRoot.container(id.full()), err));
            stages.add(RootHasProc.unpackedFrom(tar.file(), tar.root(dataRoot, id).orElseThrow()));
        } else if (run.rootfs() instanceof Rootfs.Directory directory) {
            stages.add(RootHasProc.directory(directory.path()));
        }
        return stages;
    }

    /** What the init does before it runs the command, in this order; then the command. */
    public static InitPlan initPlan(RunSpec run, String hostname, Optional<Path> root) {
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new Stages.MakeMountsPrivate()); // first: nothing we mount may reach the host
        stages.add(new Stages.SetHostname(hostname));
        if (root.isPresent()) {
            stages.add(new Chroot(root.get().toString())); // right before /proc is mounted: that /proc is the new root's
        }
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
