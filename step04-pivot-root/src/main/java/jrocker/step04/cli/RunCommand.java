package jrocker.step04.cli;

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
import jrocker.step01.container.HostStage;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step02.cli.LimitOptions;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step02.container.EnterCgroupNamespace;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.cli.Rootfs;
import jrocker.step03.cli.RootfsOption;
import jrocker.step03.cli.RunCommand.RunSpec;
import jrocker.step03.container.DataRoot;
import jrocker.step03.container.RootHasProc;
import jrocker.step03.container.UnpackRootfs;
import jrocker.step04.container.PivotRootStages;
import jrocker.step04.container.SystemMounts;
import jrocker.step04.linux.PivotRootSyscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * step04's {@code run}: step03's options and host plan, with an init plan where the chroot becomes
 * pivot_root, and a container that gets a proper /proc, /sys and /dev.
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

    private final Step<? extends PivotRootSyscalls> step;
    private final DataRootOption dataRoot;

    public RunCommand(Step<? extends PivotRootSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() throws IOException {
        RunSpec run = RunSpec.of(namespaceOptions, limitOptions, rootfsOption, commandArguments);
        return jrocker.step03.cli.RunCommand.start(step, dataRoot.dataRoot(), run, commandSpec.commandLine().getErr(),
                RunCommand::hostPlan, RunCommand::initPlan);
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

    /**
     * What the init does before it runs the command, in this order; then the command. The order matters:
     * mounts are private before anything is mounted; the old root is detached before anything else is
     * mounted; /dev/null exists before it is bind-mounted over the masked files.
     */
    public static InitPlan initPlan(RunSpec run, String hostname, Optional<Path> root) {
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new Stages.MakeMountsPrivate()); // first: nothing we mount may reach the host
        stages.add(new Stages.SetHostname(hostname));
        if (root.isPresent()) {
            String rootfs = root.get().toString();
            stages.add(new PivotRootStages.BindRootfs(rootfs)); // pivot_root needs a mount point
            stages.add(new PivotRootStages.PivotRoot(rootfs));
            stages.add(new PivotRootStages.DetachOldRoot());    // the host's files no longer have a name
        }
        stages.add(new Stages.MountProc());         // a /proc that shows only the container's processes
        if (root.isPresent()) {
            stages.add(new SystemMounts.MountSys());
            stages.add(new SystemMounts.MountDev());
            stages.add(new SystemMounts.MaskProc()); // after MountDev: /dev/null hides the masked files
        }
        if (run.session().tty()) {
            stages.add(new Stages.TakeTerminal());  // -t: the container's shell owns the terminal
        }
        List<InitStage<?>> afterGo = List.of(
                new EnterCgroupNamespace());        // in its cgroup now: the container sees it as "/"
        return new InitPlan(stages, afterGo, new InitPlan.Command(run.command(), run.session().environment(hostname)));
    }
    // end::plan[]
}
