package jrocker.step05.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jrocker.step01.cli.CommandArguments;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step01.cli.Step;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ContainerRun;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Preload;
import jrocker.step01.container.Stages;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step02.cli.LimitOptions;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step02.container.EnterCgroupNamespace;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.cli.Rootfs;
import jrocker.step03.cli.RootfsOption;
import jrocker.step03.container.DataRoot;
import jrocker.step03.container.UnpackRootfs;
import jrocker.step04.container.PivotRootStages;
import jrocker.step04.container.SystemMounts;
import jrocker.step05.container.BindVolume;
import jrocker.step05.container.ChangeDirectory;
import jrocker.step05.console.ConsoleMain;
import jrocker.step05.console.DetachedConsole;
import jrocker.step05.console.ForegroundOutput;
import jrocker.step05.container.ContainerFromImage;
import jrocker.step05.container.ContainerTerminal;
import jrocker.step05.container.CreateVolumeDirectories;
import jrocker.step05.container.ImageContainer;
import jrocker.step05.container.MountOverlay;
import jrocker.step05.container.MountPoints;
import jrocker.step05.container.Volume;
import jrocker.step05.lifecycle.ContainerNames;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerSignals;
import jrocker.step05.lifecycle.HostConfig;
import jrocker.step05.lifecycle.UnderMonitor;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoredImage;
import jrocker.step05.linux.LifecycleSyscalls;
import jrocker.step05.store.ContainerStore;
import jrocker.step05.terminal.AttachTerminal;
import jrocker.step05.terminal.PtyMaster;
import jrocker.step05.walls.ApplyWalls;
import jrocker.step05.walls.EnclosedCgroup;
import jrocker.step05.walls.MountCgroupFs;
import jrocker.step05.walls.SystemWalls;
import jrocker.step05.walls.WallSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * step05's {@code run}: {@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}, like docker. The container's root
 * is an overlay of the image's layers with a writable layer of its own ({@link ContainerFromImage}), next to
 * its record. A monitor process records the exit ({@link UnderMonitor}); the container stays, listed
 * by {@code ps -a}, until {@code rm}, unless {@code --rm}. With {@code -d} jrocker prints the ID and leaves
 * it running. With {@code --rootfs} the positionals are {@code COMMAND [ARG...]} as in step04, and the
 * container has no record ({@link RunMode}).
 */
@Command(name = "run",
        description = "Run a container from IMAGE: run [OPTIONS] IMAGE [COMMAND [ARG...]]; "
                + "with --rootfs PATH: run [OPTIONS] COMMAND [ARG...] as in step04.")
public final class RunCommand implements Callable<Integer>, Preload.WithoutLibc { // busybox makes the namespaces
    @Mixin
    NamespaceOptions namespaceOptions;

    @Mixin
    LimitOptions limitOptions;

    @Mixin
    RootfsOption rootfsOption;

    @Mixin
    LifecycleOptions lifecycleOptions;

    @Mixin
    SecurityOptions securityOptions;

    @Mixin
    CommandArguments commandArguments;

    @Mixin
    PullPolicyOption pulling = new PullPolicyOption();

    @Spec
    CommandSpec commandSpec;

    private final Step<? extends LifecycleSyscalls> step;
    private final DataRootOption dataRoot;

    public RunCommand(Step<? extends LifecycleSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    /**
     * What this run was asked for.
     *
     * @param session   -i, -t, --hostname
     * @param limits    -m, --cpus, --cpu-shares, --cpuset-cpus, --pids-limit
     * @param mode      IMAGE [COMMAND...], or --rootfs PATH COMMAND...
     * @param lifecycle --rm, -d, --name, -e, -w, -v
     * @param walls     --cap-add, --cap-drop, --privileged, --security-opt, --user ("" for the image's user)
     */
    public record RunSpec(NamespaceOptions.Settings session, ResourceLimits limits, RunMode mode,
                          LifecycleOptions.Settings lifecycle, WallSettings walls) {
    }

    /** The options as one value; what does not fit together, or a bad value, fails here, before anything is made. */
    RunSpec runSpec() {
        NamespaceOptions.Settings session = namespaceOptions.settings();
        LifecycleOptions.Settings lifecycle = lifecycleOptions.settings();
        if (lifecycle.name() != null && ContainerNames.invalid(lifecycle.name()).isPresent()) {
            throw ContainerException.runtime(ContainerNames.invalid(lifecycle.name()).get());
        }
        if (rootfsOption.given() && (lifecycle.detach() || lifecycle.name() != null)) {
            throw ContainerException.runtime("-d and --name need an image: a --rootfs container lives only as long as"
                    + " its run (step04); make an image of it with jrocker import TAR NAME");
        }
        ResourceLimits limits = limitOptions.limits();
        List<String> positionals = commandArguments.command();
        RunMode mode = rootfsOption.given() ? new RunMode.RootfsMode(rootfsOption.rootfs(), positionals)
                : new RunMode.ImageMode(positionals.get(0), ImageNameArgument.parse(positionals.get(0)),
                        positionals.subList(1, positionals.size()));
        WallSettings walls = securityOptions.settings(""); // bad capabilities, options, profiles fail here
        return new RunSpec(session, limits, mode, lifecycle, walls);
    }

    @Override
    public Integer call() throws IOException {
        RunSpec run = runSpec();
        // -t needs your terminal only when jrocker stays with the container; a detached one gets its own (docker: -dt)
        NamespaceOptions.Settings session = run.session();
        new NamespaceOptions.Settings(session.interactive(), session.tty() && !run.lifecycle().detach(), session.hostname())
                .requireRootAndTerminal(step.syscalls());
        if (run.mode() instanceof RunMode.RootfsMode rootfs) {
            return runRootfs(run, rootfs);
        }
        return runImage(run, (RunMode.ImageMode) run.mode()); // the only other mode: RunMode is sealed
    }

    // tag::image-run[]
    /** A container from an image: a new one, made while its init boots ({@link ContainerFromImage}). */
    private int runImage(RunSpec run, RunMode.ImageMode image) throws IOException {
        DataRoot root = dataRoot.dataRoot();
        PrintWriter err = commandSpec.commandLine().getErr();
        // --pull: before anything of the container is made, so a failed pull leaves nothing behind; the image's
        // host stage (ContainerFromImage) is handed the image found or pulled (a NAME@DIGEST is no name in the store)
        Optional<StoredImage> pulled = pulling.findOrPull(ImageStore.open(root), image.image(), image.name(), err);
        ContainerId id = ContainerId.random();
        String hostname = run.session().hostname(id);
        ContainerFromImage container = new ContainerFromImage(root, id, new ContainerFromImage.Request(image.image(),
                image.name(), image.command(), run.session().environment(hostname), run.lifecycle().environmentFlags(),
                run.lifecycle().workingDirectory(), hostname, run.lifecycle().name(), run.lifecycle().removeWhenDone(),
                run.lifecycle().detach(), run.session().tty(), run.lifecycle().volumeSpecs()), pulled,
                new ContainerSignals(step.syscalls()), err);
        HostConfig hostConfig = hostConfig(run.session().interactive(), limitOptions.flags());
        return runImageContainer(step, root, commandSpec, run, id, container, hostConfig, id.full());
    }

    /**
     * A container from an image, new ({@code run}) or started again ({@code start}: {@link StartCommand}). Its
     * monitor is started before the host plan runs (see {@link ContainerRun}), so it knows the container's
     * directory, not yet its record. Once the command runs it is recorded as running; detached, jrocker prints
     * {@code detachedAnswer} (run: the ID) and leaves it to its monitor; else it waits, as every step did.
     */
    static int runImageContainer(Step<? extends LifecycleSyscalls> step, DataRoot root, CommandSpec commandSpec,
                                 RunSpec run, ContainerId id, ImageContainer container, HostConfig hostConfig,
                                 String detachedAnswer) throws IOException {
        String hostname = run.session().hostname(id);
        PrintWriter err = commandSpec.commandLine().getErr();
        ContainerCgroup cgroup = new ContainerCgroup(id, run.limits());
        // -t in the foreground: jrocker holds the terminal's master; detached, the console does (DetachedConsole)
        Optional<ContainerTerminal> terminal = run.session().tty() && !run.lifecycle().detach()
                ? Optional.of(new ContainerTerminal()) : Optional.empty();
        Path directory = root.container(id.full());
        ContainerLauncher.InitStart monitor = new UnderMonitor(step.syscalls(), hostBusybox(), directory, id.full(),
                run.lifecycle().detach(), root.path());
        List<HostStage> hostPlan = hostPlan(run, id, cgroup, container, run.lifecycle().volumes(), terminal);
        // The output: on your screen and in the log, or (detached) with the container's console. Undone first,
        // before a container that never started (or --rm) is removed with its log.
        Optional<ForegroundOutput> output = Optional.empty();
        Optional<DetachedConsole> console = Optional.empty();
        if (run.lifecycle().detach()) {
            console = Optional.of(new DetachedConsole(directory, run.session().interactive(), run.session().tty()));
            hostPlan.add(console.get());
        } else {
            output = Optional.of(new ForegroundOutput(directory));
            hostPlan.add(output.get());
            if (!run.session().tty()) {
                monitor = output.get().around(monitor);
            }
        }
        ContainerLauncher launcher = new ContainerLauncher(step.initMain(), monitor);
        Optional<DetachedConsole> detached = console;
        Optional<ForegroundOutput> foreground = output;
        // The container's directory first, under the run's guard (a new one is reserved: ContainerStore): the
        // socket, the console's pipes and the log go into it.
        ContainerRun containerRun = new ContainerRun(launcher, jrocker.step02.cli.RunCommand.NAMESPACES, () -> {
            container.reserveDirectory();
            if (detached.isPresent()) {
                return detached.get().open(hostBusybox(), keeperCommand());
            }
            foreground.get().open();
            return stdio(run);
        }, hostPlan);
        return containerRun.run(() -> {
            hostConfig.write(directory);
            return initPlan(run, hostname, container.root(), Optional.of(container.overlay()),
                    container.workingDirectory(), container.command(), imageWalls(run, root, container, directory));
        }, started -> {
            container.running(started);
            if (run.lifecycle().detach()) {
                commandSpec.commandLine().getOut().println(detachedAnswer);
                commandSpec.commandLine().getOut().flush();
                containerRun.leaveRunning();
                return 0;
            }
            return waitFor(run, cgroup, terminal, foreground.map(ForegroundOutput::screen), started, err);
        });
    }

    /** What {@code start} needs beyond the container's config: -i and the limit flags. */
    static HostConfig hostConfig(boolean interactive, LimitOptions.Flags limits) {
        return new HostConfig(interactive, limits.memory(), limits.cpus(), limits.cpuShares(), limits.cpusetCpus(),
                limits.pidsLimit());
    }

    /**
     * In the foreground, the container's stdio is jrocker's: your terminal (with -t, until the init hands it its
     * own), stdin only with -i. Without -t, stdout and stderr are pipes that {@link ForegroundOutput} copies.
     */
    private static ContainerLauncher.Stdio stdio(RunSpec run) {
        ContainerLauncher.Stdio inherited = ContainerLauncher.Stdio.inherit(run.session().interactive() && !run.session().tty());
        return run.session().tty() ? inherited
                : new ContainerLauncher.Stdio(inherited.in(), ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE);
    }

    /**
     * The detached container's console, {@link ConsoleMain}: a JVM as lean as the init (it idles for the
     * container's life) with the console's own heap, and not recording the classes it loads into the init's list.
     */
    private static List<String> keeperCommand() {
        List<String> command = new ArrayList<>(ContainerLauncher.javaCommand(ConsoleMain.class.getName(), ConsoleMain.JVM_OPTIONS));
        command.removeIf(option -> option.startsWith("-XX:DumpLoadedClassList="));
        return command;
    }
    // end::image-run[]

    /** A container with --rootfs, as step04 runs it, with step05's volumes and terminal; it has no record. */
    private int runRootfs(RunSpec run, RunMode.RootfsMode rootfs) throws IOException {
        DataRoot root = dataRoot.dataRoot();
        ContainerId id = ContainerId.random();
        String hostname = run.session().hostname(id);
        ContainerCgroup cgroup = new ContainerCgroup(id, run.limits());
        Optional<ContainerTerminal> terminal = run.session().tty() ? Optional.of(new ContainerTerminal()) : Optional.empty();
        ContainerRun containerRun = new ContainerRun(new ContainerLauncher(step.syscalls(), step.initMain()),
                jrocker.step02.cli.RunCommand.NAMESPACES,
                () -> ContainerLauncher.Stdio.inherit(run.session().interactive() && !run.session().tty()),
                rootfsHostPlan(run, rootfs, root, id, cgroup, run.lifecycle().volumes(), terminal, commandSpec.commandLine().getErr()));
        Path rootDirectory = rootfs.rootfs().root(root, id).orElseThrow();
        InitPlan.Command command = new InitPlan.Command(rootfs.command(), run.session().environment(hostname));
        return containerRun.run(() -> initPlan(run, hostname, rootDirectory, Optional.empty(), "", command,
                        walls(run.walls(), root, List.of(rootDirectory))),
                started -> waitFor(run, cgroup, terminal, Optional.empty(), started, commandSpec.commandLine().getErr()));
    }

    /** Wait as step02 does; with -t, relay your terminal and the container's meanwhile. */
    private static int waitFor(RunSpec run, ContainerCgroup cgroup, Optional<ContainerTerminal> terminal,
                               Optional<OutputStream> screen, Container started, PrintWriter err) {
        if (terminal.isPresent()) {
            return terminal.get().relay(run.session().interactive(), screen, () -> cgroup.waitFor(started, err));
        }
        return cgroup.waitFor(started, err);
    }

    // tag::host-plan[]
    /**
     * What jrocker does on the host for a container from an image: its cgroup, in every hierarchy, with the
     * device rules ({@link EnclosedCgroup}), the container itself (record
     * and layer), the volumes' directories and, with -t, its terminal. Undone in reverse order: the container's
     * end is recorded before its cgroup goes, since the record asks the cgroup whether the OOM killer struck.
     */
    static List<HostStage> hostPlan(RunSpec run, ContainerId id, ContainerCgroup cgroup, ImageContainer container,
                                    List<Volume> volumes, Optional<ContainerTerminal> terminal) {
        List<HostStage> stages = new ArrayList<>();
        stages.add(new EnclosedCgroup(cgroup, id.full(), run.walls().privileged()));
        stages.add(container);
        stages.add(new CreateVolumeDirectories(volumes));
        terminal.ifPresent(stages::add);
        return stages;
    }

    /** With --rootfs: step04's host plan, with the volumes' directories and, with -t, the container's terminal. */
    static List<HostStage> rootfsHostPlan(RunSpec run, RunMode.RootfsMode rootfs, DataRoot dataRoot, ContainerId id,
                                          ContainerCgroup cgroup, List<Volume> volumes, Optional<ContainerTerminal> terminal,
                                          PrintWriter err) {
        List<HostStage> stages = new ArrayList<>();
        stages.add(new EnclosedCgroup(cgroup, id.full(), run.walls().privileged()));
        if (rootfs.rootfs() instanceof Rootfs.Tar tar) {
            stages.add(new UnpackRootfs(tar.file(), dataRoot.container(id.full()), err));
        }
        stages.add(new CreateVolumeDirectories(volumes));
        terminal.ifPresent(stages::add);
        return stages;
    }
    // end::host-plan[]

    // tag::init-plan[]
    /**
     * What the init does before it runs the command, in this order; then the command. step04's plan, with the
     * overlay mounted (image mode), the mount points the image lacks made in the container's layer, and the
     * volumes bound onto the root before it is bound and pivoted into,
     * the working directory entered last; after Go, the container's cgroups at /sys/fs/cgroup, its own
     * /dev/mqueue, -t's terminal of its own, and the walls right before exec.
     */
    public static InitPlan initPlan(RunSpec run, String hostname, Path root, Optional<MountOverlay> overlay,
                                    String workingDirectory, InitPlan.Command command, ApplyWalls walls) {
        String rootfs = root.toString();
        List<InitStage<?>> stages = new ArrayList<>();
        stages.add(new Stages.MakeMountsPrivate()); // first: nothing we mount may reach the host
        stages.add(new Stages.SetHostname(hostname));
        overlay.ifPresent(stages::add);             // image mode: the image's layers and the container's own at root
        stages.add(new MountPoints.MakeKernelMountPoints(rootfs)); // /proc, /sys, /dev, if the image lacks them
        for (Volume volume : run.lifecycle().volumes()) {
            stages.add(new BindVolume(volume.host().toString(), rootfs, volume.container(), volume.readOnly()));
        }
        stages.add(new PivotRootStages.BindRootfs(rootfs)); // pivot_root needs a mount point
        stages.add(new PivotRootStages.PivotRoot(rootfs));
        stages.add(new PivotRootStages.DetachOldRoot());    // the host's files no longer have a name
        stages.add(new Stages.MountProc());         // a /proc that shows only the container's processes
        stages.add(new SystemMounts.MountSys());
        stages.add(new SystemMounts.MountDev());
        stages.add(new SystemMounts.MaskProc());     // after MountDev: /dev/null hides the masked files
        if (!workingDirectory.isEmpty()) {
            stages.add(new ChangeDirectory(workingDirectory, true));
        }
        List<InitStage<?>> afterGo = new ArrayList<>();
        afterGo.add(new EnterCgroupNamespace());     // in its cgroup now: the container sees it as "/"
        boolean privileged = run.walls().privileged();
        // in the cgroup namespace: the container's own cgroups at /sys/fs/cgroup, read-only unless --privileged
        afterGo.add(MountCgroupFs.ofHost(jrocker.step01.linux.MountTable.current(), !privileged));
        afterGo.add(new SystemWalls.MountMqueue());
        if (privileged) {
            afterGo.add(new SystemWalls.WritableSys());
        }
        if (run.session().tty()) {
            afterGo.add(new AttachTerminal(PtyMaster.FIRST_SLAVE));
        }
        afterGo.add(walls);                          // last: right before exec, on the thread that execs
        return new InitPlan(stages, afterGo, command);
    }
    // end::init-plan[]

    /**
     * An image's container: --user, else the image's User; written next to its record, since exec puts up
     * the same walls.
     */
    private static ApplyWalls imageWalls(RunSpec run, DataRoot dataRoot, ImageContainer container, Path directory)
            throws IOException {
        WallSettings settings = run.walls().user().isEmpty() ? run.walls().withUser(container.imageUser()) : run.walls();
        settings.write(directory);
        return walls(settings, dataRoot, container.layersTopFirst());
    }

    /**
     * The init's last stage: the user resolved in the container's own /etc/passwd and /etc/group (found in
     * {@code rootsTopFirst}: the image's layers, or a --rootfs directory), the seccomp filter built (or read back
     * from under {@code dataRoot}).
     */
    static ApplyWalls walls(WallSettings settings, DataRoot dataRoot, List<Path> rootsTopFirst) throws IOException {
        String passwd = WallSettings.readContainerFile(rootsTopFirst, "etc/passwd");
        String group = WallSettings.readContainerFile(rootsTopFirst, "etc/group");
        try {
            return settings.applyWalls(dataRoot, passwd, group);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    /** The host's busybox, which runs the monitor. */
    static Path hostBusybox() {
        return CommandLookup.onHost("busybox").orElseThrow(() -> ContainerException.runtime(
                "no busybox found: the container's monitor is a busybox shell; install one, e.g. sudo apt-get install busybox-static"));
    }
}
