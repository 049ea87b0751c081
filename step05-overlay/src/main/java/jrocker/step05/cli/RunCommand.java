package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.InitStage;
import jrocker.step03.container.DataRoot;
import jrocker.step03.rootfs.BusyboxRootfs;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step04.container.PivotRootStages;
import jrocker.step05.Main;
import jrocker.step05.container.BindVolume;
import jrocker.step05.container.ChangeDirectory;
import jrocker.step05.container.Volume;
import jrocker.step05.container.MountOverlay;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageReference;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ProgressListener;
import jrocker.step05.store.StoredImage;
import jrocker.step05.store.WorkDirectory;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.terminal.AttachTerminal;
import jrocker.step05.terminal.PtyMaster;
import jrocker.step05.terminal.TerminalRelay;
import jrocker.step05.lifecycle.EnvironmentFlag;
import jrocker.step05.lifecycle.ContainerNames;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.MonitoredLauncher;
import jrocker.step05.lifecycle.ProcessStartTime;
import jrocker.step05.linux.LifecycleSyscalls;
import jrocker.step05.linux.LinuxLifecycleSyscalls;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.Stages;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * step05's {@code run}: {@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}, like docker. The container's root
 * is an overlay of the image's layers with a writable layer of its own, in
 * {@code DATA_ROOT/containers/ID/} ({@code upper}, {@code work}, {@code merged}, and {@code image} with the
 * image's ID), next to its record ({@link ContainerRecord}: config, state, exit status, log). A monitor
 * process records the exit ({@link MonitoredLauncher}); the container stays, listed by {@code ps -a}, until
 * {@code rm}, unless {@code --rm}. With {@code -d} jrocker prints the ID and leaves it running. With
 * {@code --rootfs} the positionals are {@code COMMAND [ARG...]} as in step04, and the container has no record.
 */
@Command(name = "run",
        description = "Run a container from IMAGE: run [OPTIONS] IMAGE [COMMAND [ARG...]]; "
                + "with --rootfs PATH: run [OPTIONS] COMMAND [ARG...] as in step04.")
public class RunCommand extends jrocker.step04.cli.RunCommand {

    @Option(names = "--rm", description = "Remove the container (its writable layer and record) when it exits.")
    boolean removeWhenDone;

    @Option(names = {"-d", "--detach"}, description = "Run in the background: print the container's ID and exit;"
            + " its output goes to a log (jrocker logs).")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME", description = "A unique name for the container (default: a random one).")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable in the container (KEY alone: its value here, if set).")
    List<String> environmentFlags = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR",
            description = "The command's working directory in the container (created if missing).")
    String workingDirectory;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CTR[:ro]",
            description = "Bind the host directory HOST (created if missing) at CTR in the container; :ro for read-only.")
    List<String> volumeSpecs = new ArrayList<>();

    @Mixin
    PullPolicyOption pulling = new PullPolicyOption();

    private List<Volume> volumes = List.of();

    /** The image this container runs, in image mode (no --rootfs). */
    private StoredImage image;
    private List<Path> layersTopFirst;
    private volatile Path containerDirectory;
    /** The container's record, from prepare on (image mode only). */
    private volatile ContainerRecord record;
    /** Set once the container's command runs. */
    private volatile boolean started;

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    @Override
    protected jrocker.step01.linux.Syscalls syscalls() {
        return new LinuxLifecycleSyscalls();
    }

    @Override
    public Integer call() throws IOException {
        if (detach && tty) {
            throw ContainerException.runtime("-t with -d: a detached container has no terminal to talk to"
                    + " (jrocker has no attach); use -d alone, then jrocker exec -it CONTAINER sh");
        }
        if (name != null && ContainerNames.invalid(name).isPresent()) {
            throw ContainerException.runtime(ContainerNames.invalid(name).get());
        }
        if (rootfsGiven() && (detach || name != null)) {
            throw ContainerException.runtime("-d and --name need an image: a --rootfs container lives only as long as"
                    + " its run (step04); make an image of it with jrocker import TAR NAME");
        }
        return super.call();
    }

    // tag::prepare[]
    @Override
    protected void prepare(ContainerId id) throws IOException {
        volumes = volumes(); // bad -v values fail before anything is created
        super.prepare(id); // --rootfs, as in step03 and step04
        for (Volume volume : volumes) {
            Files.createDirectories(volume.host());
        }
        if (root() != null) {
            return;
        }
        DataRoot dataRoot = DataRoot.current();
        ImageStore store = ImageStore.open(dataRoot);
        image = findOrBuildDefault(store, command().get(0));
        layersTopFirst = store.layerDirectoriesTopFirst(image);
        String hostnameOrId = hostname != null ? hostname : id.shortId();
        ContainerNames names = new ContainerNames(dataRoot.path());
        String claimed = claimName(names, dataRoot, id);
        try {
            record = ContainerRecord.create(containerDirectory, new ContainerConfig(id.full(), claimed, command().get(0),
                    image.id().toString(), argv(), environment(hostnameOrId), workingDirectory(), hostnameOrId,
                    Instant.now(), removeWhenDone, detach, tty, volumeSpecs));
        } catch (IOException | RuntimeException e) {
            names.release(claimed, id.full());
            throw e;
        }
        for (String directory : List.of("upper", "work", "merged")) {
            Files.createDirectories(containerDirectory.resolve(directory));
        }
        Files.writeString(containerDirectory.resolve("image"), image.id().toString() + "\n");
        useRoot(containerDirectory.resolve("merged"));
    }
    // end::prepare[]

    /** --name, or a generated one such as "brave_turing": unique, or a one-line error. */
    private String claimName(ContainerNames names, DataRoot dataRoot, ContainerId id) throws IOException {
        Path containers = dataRoot.path().resolve("containers");
        try {
            if (name == null) {
                return names.claimGenerated(id.full(), containers);
            }
            names.claim(name, id.full(), containers);
            return name;
        } catch (ContainerNames.NameInUseException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    private boolean rootfsGiven() {
        return spec().commandLine().getParseResult().hasMatchedOption("--rootfs");
    }

    /** -w, else the image's WorkingDir; "" for none (the root). */
    private String workingDirectory() {
        if (workingDirectory != null) {
            return workingDirectory;
        }
        String fromImage = image == null ? null : image.config().workingDir();
        return fromImage == null ? "" : fromImage;
    }

    private List<Volume> volumes() {
        List<Volume> parsed = new ArrayList<>();
        for (String spec : volumeSpecs) {
            try {
                parsed.add(Volume.parse(spec));
            } catch (IllegalArgumentException e) {
                throw ContainerException.runtime(e.getMessage());
            }
        }
        return parsed;
    }

    /**
     * The image named {@code reference}; for {@code busybox}, when there is none yet, one is built from
     * this machine's static busybox (as {@code jrocker rootfs busybox} does) and imported, so that
     * {@code run busybox ...} works on a fresh machine without Docker.
     */
    StoredImage findOrBuildDefault(ImageStore store, String reference) throws IOException {
        ImageReference name = Containers.imageName(reference);
        var found = pulling.findOrPull(store, reference, name, spec().commandLine().getErr());
        if (found.isPresent()) {
            return found.get();
        }
        if (!name.equals(ImageReference.parse("busybox"))) {
            throw ContainerException.runtime("no such image: " + reference
                    + " (`jrocker images` lists them; `jrocker pull`, `jrocker load` or `jrocker import` adds one)");
        }
        BusyboxRootfs busybox = BusyboxRootfs.fromHost();
        spec().commandLine().getErr().println("jrocker: no busybox image yet: building one from " + busybox.busybox()
                + " (as `jrocker rootfs busybox` does) and importing it");
        spec().commandLine().getErr().flush();
        try (WorkDirectory work = store.workDirectory()) {
            Path tar = work.resolve("busybox.tar");
            try (var out = Files.newOutputStream(tar)) {
                busybox.writeTar(out);
            }
            return store.importRootfs(tar, name, ProgressListener.NONE);
        }
    }

    // tag::stages[]
    /**
     * step04's stages, with the overlay mounted right before the root is bind-mounted and pivoted into,
     * the volumes bound in between, and the image's working directory entered last.
     */
    @Override
    protected List<InitStage<?>> stages(ContainerId id, String hostname) {
        List<InitStage<?>> stages = new ArrayList<>(super.stages(id, hostname));
        if (root() == null) {
            return stages;
        }
        int bindRoot = stages.indexOf(new PivotRootStages.BindRootfs(root().toString()));
        if (image != null) {
            List<String> lowerTopFirst = layersTopFirst.stream().map(Path::toString).toList();
            stages.add(bindRoot++, new MountOverlay(lowerTopFirst, containerDirectory.resolve("upper").toString(),
                    containerDirectory.resolve("work").toString(), root().toString()));
        }
        for (Volume volume : volumes) { // onto the overlay, before the root is bound and pivoted into
            stages.add(bindRoot++, new BindVolume(volume.host().toString(), root().toString(), volume.container(),
                    volume.readOnly()));
        }
        stages.remove(new Stages.TakeTerminal()); // step05 gives -t a terminal of its own (see waitFor)
        if (image != null && !workingDirectory().isEmpty()) {
            if (!workingDirectory().startsWith("/")) {
                throw ContainerException.runtime("the working directory must be absolute, not \"" + workingDirectory()
                        + "\"");
            }
            stages.add(new ChangeDirectory(workingDirectory(), true));
        }
        return stages;
    }
    // end::stages[]

    // tag::argv[]
    /** The image's Entrypoint, then COMMAND [ARG...] if given, else the image's Cmd: docker's rule. */
    @Override
    protected List<String> argv() {
        if (image == null) {
            return super.argv();
        }
        ImageConfig config = image.config();
        List<String> given = command().subList(1, command().size());
        List<String> argv = new ArrayList<>(config.entrypoint());
        argv.addAll(given.isEmpty() ? config.cmd() : given);
        if (argv.isEmpty()) {
            throw ContainerException.runtime("image " + command().get(0) + " has no default command: give one,"
                    + " e.g. jrocker run " + command().get(0) + " sh");
        }
        return argv;
    }
    // end::argv[]

    /** jrocker's variables (PATH, HOSTNAME, HOME, TERM), then the image's Env, then -e: a later one wins. */
    @Override
    protected List<String> environment(String hostname) {
        List<String> base = super.environment(hostname);
        if (image == null) {
            return base;
        }
        try {
            return EnvironmentFlag.merge(List.of(base, image.config().env()), environmentFlags);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    // tag::launcher[]
    /**
     * In image mode, every container gets a monitor above its PID 1 that records how it ends. It is started
     * before {@link #prepare} (see step01's run), so it knows the container's directory, not yet its record.
     */
    @Override
    protected ContainerLauncher launcher(jrocker.step01.linux.Syscalls syscalls, ContainerId id) {
        if (rootfsGiven()) {
            return super.launcher(syscalls, id); // as in step04
        }
        containerDirectory = DataRoot.current().container(id.full());
        // syscalls() below made it: step05's, with kill (the monitor's process group, if the start fails)
        return new MonitoredLauncher((LifecycleSyscalls) syscalls, mainClass(), hostBusybox(), containerDirectory,
                id.full(), detach);
    }

    /**
     * -d: no stdin, stdout and stderr appended to the container's log (in the container's directory, made
     * here: the record is written into it by prepare). -t: the container's stdio will be its terminal
     * ({@link AttachTerminal}); until then the init's errors still reach the user's stderr.
     */
    @Override
    protected ContainerLauncher.Stdio stdio(ContainerId id) throws IOException {
        if (tty) {
            return ContainerLauncher.Stdio.inherit(false); // no stdin: jrocker reads your terminal and relays it
        }
        if (!detach) {
            return super.stdio(id);
        }
        ProcessBuilder.Redirect nothing = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
        Path directory = Files.createDirectories(DataRoot.current().container(id.full()));
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(ContainerRecord.logFile(directory).toFile());
        return new ContainerLauncher.Stdio(nothing, log, log);
    }

    /**
     * The container runs: write that down, with its PID 1 and that process' start time. Detached: print the
     * ID and leave; the monitor takes over. Else wait, as every step did.
     */
    @Override
    protected int waitFor(ContainerId id, Container container) {
        if (record == null) {
            return super.waitFor(id, container);
        }
        try (var lock = record.lock()) {
            record.writeState(record.state().running(container.pid(),
                    ProcessStartTime.of(container.pid()).orElse(0), Instant.now()));
        } catch (IOException e) {
            throw ContainerException.runtime("cannot record container " + id + " as running: " + e.getMessage());
        }
        started = true;
        if (detach) {
            spec().commandLine().getOut().println(id.full());
            spec().commandLine().getOut().flush();
            return 0;
        }
        if (terminal != null) {
            return TerminalRelay.relayUserTerminal(terminal, interactive, () -> super.waitFor(id, container));
        }
        return super.waitFor(id, container);
    }
    // end::launcher[]

    // tag::terminal[]
    /**
     * -t: the container gets a terminal of its own, a pty from its own devpts, so that {@code tty} names a
     * device inside (/dev/pts/0). jrocker opens the master side between Ready (the init has mounted /dev)
     * and Go, through the init's root; after Go, the init makes the slave its controlling terminal and its
     * stdio. jrocker then relays between your terminal and the master ({@link TerminalRelay}).
     */
    @Override
    protected ContainerLauncher.HostSetup hostSetup(ContainerId id) {
        ContainerLauncher.HostSetup cgroup = super.hostSetup(id);
        if (!tty) {
            return cgroup;
        }
        return initPid -> {
            cgroup.beforeExec(initPid);
            terminal = PtyMaster.openFirstInContainer(initPid);
            TerminalRelay.resizeToUserTerminal(terminal);
        };
    }

    @Override
    protected List<InitStage<?>> stagesAfterGo() {
        List<InitStage<?>> stages = new ArrayList<>(super.stagesAfterGo());
        if (tty) {
            stages.add(new AttachTerminal(PtyMaster.FIRST_SLAVE)); // last: right before exec
        }
        return stages;
    }
    // end::terminal[]

    /** The master side of the container's terminal, with -t, from Ready on. */
    private volatile PtyMaster terminal;

    /** A detached container that started is its monitor's business from now on. */
    @Override
    protected boolean containerOutlivesRun() {
        return detach && started;
    }

    /**
     * The container has ended (or never started): record how it ended, remove its cgroup and, with --rm, the
     * container ({@link ContainerReaper}); a container that never started is removed entirely, so a typo
     * leaves nothing behind. Nothing at all for a detached container that runs.
     */
    @Override
    protected void cleanUp(ContainerId id) {
        if (containerOutlivesRun()) {
            return;
        }
        PtyMaster master = terminal;
        if (master != null) {
            master.close(); // the relay closed it, unless the start failed
        }
        ContainerRecord created = record;
        if (created != null) {
            Path dataRoot = DataRoot.current().path();
            try {
                if (started) {
                    ContainerReaper.finish(created, dataRoot);
                } else {
                    ContainerReaper.remove(created, dataRoot);
                }
            } catch (IOException | RuntimeException e) {
                spec().commandLine().getErr().println("jrocker: could not clean up container " + id + ": " + e.getMessage()
                        + " (jrocker rm -f " + id + " tries again)");
            }
        } else if (containerDirectory != null && !started) {
            try {
                RootfsDirectory.deleteRecursively(containerDirectory);
            } catch (IOException e) {
                spec().commandLine().getErr().println("jrocker: could not remove " + containerDirectory + ": " + e.getMessage());
            }
        }
        super.cleanUp(id);
    }

    /** The host's busybox, which runs the monitor. */
    static Path hostBusybox() {
        Path busybox = jrocker.step01.cli.DoctorCommand.findInPath("busybox");
        if (busybox == null) {
            throw ContainerException.runtime("no busybox found: the container's monitor is a busybox shell;"
                    + " install one, e.g. sudo apt-get install busybox-static");
        }
        return busybox;
    }
}
