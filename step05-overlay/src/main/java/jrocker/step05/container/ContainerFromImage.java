package jrocker.step05.container;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.InitPlan;
import jrocker.step03.container.DataRoot;
import jrocker.step03.rootfs.BusyboxRootfs;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageReference;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerSignals;
import jrocker.step05.lifecycle.EnvironmentFlag;
import jrocker.step05.store.ContainerStore;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ProgressListener;
import jrocker.step05.store.StoredImage;
import jrocker.step05.store.WorkDirectory;

/**
 * A container made from an image, in {@code DATA_ROOT/containers/ID/}: while the init boots, the image is
 * found (or, for busybox, built), the command and environment are worked out once, the name claimed and the
 * record written ({@link ContainerRecord}), and the container's own layer made ({@code upper}, {@code work},
 * {@code merged}, and {@code image} with the image's ID). At the end {@link ContainerReaper} records how the
 * container ended (and with --rm removes it); one that never started is removed entirely, so a typo leaves
 * nothing behind.
 */
public final class ContainerFromImage implements ImageContainer {
    /** What {@code run} asked for, as far as this container's making needs it. */
    public record Request(String image, ImageReference name, List<String> command, List<String> baseEnvironment,
                          List<String> environmentFlags, String workingDirectory, String hostname, String containerName,
                          boolean removeWhenDone, boolean detach, boolean tty, List<String> volumeSpecs) {
    }

    private static final ImageReference BUSYBOX = ImageReference.parse("busybox");

    private final DataRoot dataRoot;
    private final ContainerId id;
    private final Request request;
    private final Optional<StoredImage> found;
    private final PrintWriter err;
    private final Path directory;
    /** How a container that must not outlive its run is killed: as {@code rm -f} kills one. */
    private final ContainerSignals signals;

    private List<String> layersTopFirst;
    /** The image's User ("" for root). */
    private String imageUser;
    private InitPlan.Command command;
    private String workingDirectory;
    /** The container's record, once written. */
    private volatile ContainerRecord record;
    /** Set once the container's command runs. */
    private volatile boolean started;

    /** {@code found}: the image, if run already found it (or pulled it: run --pull); else it is looked up here. */
    public ContainerFromImage(DataRoot dataRoot, ContainerId id, Request request, Optional<StoredImage> found,
                              ContainerSignals signals, PrintWriter err) {
        this.dataRoot = dataRoot;
        this.id = id;
        this.request = request;
        this.found = found;
        this.signals = signals;
        this.err = err;
        this.directory = dataRoot.container(id.full());
    }

    // tag::make-container[]
    @Override
    public void whileInitBoots() throws IOException {
        ImageStore store = ImageStore.open(dataRoot);
        StoredImage image = findOrBuildDefault(store);
        layersTopFirst = store.layerDirectoriesTopFirst(image).stream().map(Path::toString).toList();
        command = new InitPlan.Command(argv(image.config()), environment(image.config()));
        workingDirectory = workingDirectory(image.config());
        imageUser = image.config().user() == null ? "" : image.config().user();
        record = ContainerStore.open(dataRoot).create(directory, request.containerName(), name -> new ContainerConfig(
                id.full(), name, request.image(), image.id().toString(), command.argv(), command.env(), workingDirectory,
                request.hostname(), Instant.now(), request.removeWhenDone(), request.detach(), request.tty(),
                request.volumeSpecs()));
        for (String layer : List.of("upper", "work", "merged")) {
            Files.createDirectories(directory.resolve(layer));
        }
        Files.writeString(directory.resolve("image"), image.id().toString() + "\n");
    }
    // end::make-container[]

    /** Step 1 of a container's creation ({@link ContainerStore#reserve}): its directory, marked with its creator. */
    @Override
    public Path reserveDirectory() throws IOException {
        return ContainerStore.open(dataRoot).reserve(id.full());
    }

    /** The container's root: the overlay's merged directory. */
    @Override
    public Path root() {
        return directory.resolve("merged");
    }

    /** The image's layers under the container's own, mounted by the init at {@link #root}. */
    @Override
    public MountOverlay overlay() {
        return new MountOverlay(layersTopFirst, directory.resolve("upper").toString(), directory.resolve("work").toString(),
                root().toString());
    }

    /** The image's layers, top first: where the container's /etc/passwd is, before its root is mounted. */
    @Override
    public List<Path> layersTopFirst() {
        return layersTopFirst.stream().map(Path::of).toList();
    }

    /** The image's User, "" for root: who the container runs as without --user. */
    @Override
    public String imageUser() {
        return imageUser;
    }

    /** What the container runs, worked out once from the image and the command line. */
    @Override
    public InitPlan.Command command() {
        return command;
    }

    /** -w, else the image's WorkingDir; "" for none (the root). */
    @Override
    public String workingDirectory() {
        return workingDirectory;
    }

    /** The container runs: write that down, with its PID 1, its monitor and their start times. */
    @Override
    public void running(Container container) {
        ImageContainer.recordRunning(record, container);
        started = true;
    }

    /**
     * The container has ended (or never started): record how it ended, remove its cgroup and, with --rm, the
     * container; a container that never started is removed entirely.
     */
    @Override
    public void undo() {
        ContainerRecord created = record;
        try {
            if (created != null && started) {
                if (created.state().pid1Alive()) {
                    // The run waited for the monitor, which ended because its child was killed: PID 1 runs on,
                    // re-parented. A foreground container never outlives its run: every process of it goes.
                    signals.kill(created);
                }
                ContainerReaper.finish(created, dataRoot.path());
            } else if (created != null) {
                ContainerReaper.remove(created, dataRoot.path());
            } else {
                ContainerStore.open(dataRoot).remove(directory); // reserved, with the log of -d and the socket
            }
        } catch (IOException | RuntimeException e) {
            err.println(created != null ? "jrocker: could not clean up container " + id + ": " + e.getMessage()
                    + " (jrocker rm -f " + id + " tries again)" : "jrocker: could not remove " + directory + ": " + e.getMessage()
                    + " (the next jrocker ps removes it)");
            err.flush();
        }
    }

    /**
     * The image named IMAGE; for {@code busybox}, when there is none yet, one is built from this machine's
     * static busybox (as {@code jrocker rootfs busybox} does) and imported, so that {@code run busybox ...}
     * works on a fresh machine without Docker.
     */
    private StoredImage findOrBuildDefault(ImageStore store) throws IOException {
        var found = this.found.isPresent() ? this.found : store.find(request.image(), request.name());
        if (found.isPresent()) {
            return found.get();
        }
        if (!request.name().equals(BUSYBOX)) {
            throw ContainerException.runtime("no such image: " + request.image()
                    + " (`jrocker images` lists them; `jrocker pull`, `jrocker load` or `jrocker import` adds one)");
        }
        BusyboxRootfs busybox = BusyboxRootfs.fromHost();
        err.println("jrocker: no busybox image yet: building one from " + busybox.busybox()
                + " (as `jrocker rootfs busybox` does) and importing it");
        err.flush();
        try (WorkDirectory work = store.workDirectory()) {
            Path tar = work.resolve("busybox.tar");
            try (var out = Files.newOutputStream(tar)) {
                busybox.writeTar(out);
            }
            return store.importRootfs(tar, request.name(), ProgressListener.NONE);
        }
    }

    // tag::argv[]
    /** The image's Entrypoint, then COMMAND [ARG...] if given, else the image's Cmd: docker's rule. */
    private List<String> argv(ImageConfig config) {
        List<String> argv = new ArrayList<>(config.entrypoint());
        argv.addAll(request.command().isEmpty() ? config.cmd() : request.command());
        if (argv.isEmpty()) {
            throw ContainerException.runtime("image " + request.image() + " has no default command: give one,"
                    + " e.g. jrocker run " + request.image() + " sh");
        }
        return argv;
    }
    // end::argv[]

    /** jrocker's variables (PATH, HOSTNAME, HOME, TERM), then the image's Env, then -e: a later one wins. */
    private List<String> environment(ImageConfig config) {
        try {
            return EnvironmentFlag.merge(List.of(request.baseEnvironment(), config.env()), request.environmentFlags());
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    private String workingDirectory(ImageConfig config) {
        String directory = request.workingDirectory() != null ? request.workingDirectory()
                : config.workingDir() == null ? "" : config.workingDir();
        if (!directory.isEmpty() && !directory.startsWith("/")) {
            throw ContainerException.runtime("the working directory must be absolute, not \"" + directory + "\"");
        }
        return directory;
    }

}
