package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * step05's {@code run}: {@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}, like docker. The container's root
 * is an overlay of the image's layers with a writable layer of its own, in
 * {@code DATA_ROOT/containers/ID/} ({@code upper}, {@code work}, {@code merged}, and {@code image} with the
 * image's ID). That directory stays after the run, with whatever the container wrote, unless
 * {@code --rm}. With {@code --rootfs} the positionals are {@code COMMAND [ARG...]} as in step04.
 */
@Command(name = "run",
        description = "Run a container from IMAGE: run [OPTIONS] IMAGE [COMMAND [ARG...]]; "
                + "with --rootfs PATH: run [OPTIONS] COMMAND [ARG...] as in step04.")
public class RunCommand extends jrocker.step04.cli.RunCommand {

    @Option(names = "--rm", description = "Remove the container's directory (its writable layer) when it exits.")
    boolean removeWhenDone;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CTR[:ro]",
            description = "Bind the host directory HOST (created if missing) at CTR in the container; :ro for read-only.")
    List<String> volumeSpecs = new ArrayList<>();

    private List<Volume> volumes = List.of();

    /** The image this container runs, in image mode (no --rootfs). */
    private StoredImage image;
    private List<Path> layersBottomFirst;
    private volatile Path containerDirectory;

    @Override
    protected Class<?> mainClass() {
        return Main.class;
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
        ImageStore store = ImageStore.open(DataRoot.current());
        image = findOrBuildDefault(store, command().get(0));
        layersBottomFirst = store.layerDirectories(image);
        containerDirectory = DataRoot.current().container(id.full());
        for (String directory : List.of("upper", "work", "merged")) {
            Files.createDirectories(containerDirectory.resolve(directory));
        }
        Files.writeString(containerDirectory.resolve("image"), image.id().toString() + "\n");
        useRoot(containerDirectory.resolve("merged"));
    }
    // end::prepare[]

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
        var found = store.find(reference);
        if (found.isPresent()) {
            return found.get();
        }
        if (!name.equals(ImageReference.parse("busybox"))) {
            throw ContainerException.runtime("no such image: " + reference
                    + " (`jrocker images` lists them; `jrocker load` or `jrocker import` adds one)");
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
            List<String> lowerTopFirst = new ArrayList<>();
            for (Path layer : layersBottomFirst) {
                lowerTopFirst.add(0, layer.toString());
            }
            stages.add(bindRoot++, new MountOverlay(lowerTopFirst, containerDirectory.resolve("upper").toString(),
                    containerDirectory.resolve("work").toString(), root().toString()));
        }
        for (Volume volume : volumes) { // onto the overlay, before the root is bound and pivoted into
            stages.add(bindRoot++, new BindVolume(volume.host().toString(), root().toString(), volume.container(),
                    volume.readOnly()));
        }
        String workingDirectory = image == null ? null : image.config().workingDir();
        if (workingDirectory != null && !workingDirectory.isEmpty()) {
            stages.add(new ChangeDirectory(workingDirectory));
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

    /** jrocker's variables (PATH, HOSTNAME, HOME, TERM), with the image's Env taking precedence. */
    @Override
    protected List<String> environment(String hostname) {
        List<String> base = super.environment(hostname);
        if (image == null) {
            return base;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : base) {
            variables.put(entry.substring(0, entry.indexOf('=')), entry);
        }
        for (String entry : image.config().env()) {
            int equals = entry.indexOf('=');
            variables.put(equals < 0 ? entry : entry.substring(0, equals), entry);
        }
        return List.copyOf(variables.values());
    }

    @Override
    protected void cleanUp(ContainerId id) {
        super.cleanUp(id);
        Path directory = containerDirectory;
        if (removeWhenDone && directory != null) {
            containerDirectory = null;
            try {
                RootfsDirectory.deleteRecursively(directory);
            } catch (IOException e) {
                spec().commandLine().getErr().println("jrocker: could not remove " + directory + ": " + e.getMessage());
            }
        }
    }
}
