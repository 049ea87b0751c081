package jrocker.step03.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.Syscalls;
import jrocker.step03.Main;
import jrocker.step03.container.Chroot;
import jrocker.step03.container.DataRoot;
import jrocker.step03.linux.LinuxRootfsSyscalls;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.rootfs.TarUnpacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * step03's {@code run}: step02's, plus {@code --rootfs}. A directory is used as it is; a tar (such as
 * {@code jrocker rootfs busybox} or {@code docker export} writes) is unpacked into the container's own
 * directory, {@code DATA_ROOT/containers/ID/rootfs}, which lives as long as the container: step03 has
 * no {@code ps} or {@code rm} yet, so its containers behave like {@code docker run --rm} (step05 keeps
 * them until you remove them).
 */
@Command(name = "run",
        description = "Run COMMAND in new namespaces and its own cgroup; with --rootfs, in its own root file system.")
public class RunCommand extends jrocker.step02.cli.RunCommand {

    @Option(names = "--rootfs", paramLabel = "PATH",
            description = "The container's root file system: a directory, or a tar file (plain or gzip), "
                    + "e.g. from `jrocker rootfs busybox` or `docker export`.")
    Path rootfs;

    /** The directory that becomes the container's "/", once prepared; null: the host's (no --rootfs). */
    private Path root;

    /** The container's root directory, once {@link #prepare} found or made it. */
    protected Path root() {
        return root;
    }

    /** A later step brings the root from elsewhere (step05: an overlay of image layers). */
    protected void useRoot(Path directory) {
        root = directory;
    }
    /** DATA_ROOT/containers/ID when a tar was unpacked for this container; removed at the end. */
    private volatile Path containerDirectory;

    @Override
    protected Syscalls syscalls() {
        return new LinuxRootfsSyscalls();
    }

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    // tag::prepare[]
    @Override
    protected void prepare(ContainerId id) throws IOException {
        super.prepare(id);
        if (rootfs == null) {
            return;
        }
        if (Files.isDirectory(rootfs)) {
            root = rootfs.toRealPath();
        } else if (Files.isRegularFile(rootfs)) {
            containerDirectory = DataRoot.current().container(id.full());
            Files.createDirectories(containerDirectory);
            root = containerDirectory.resolve("rootfs");
            try {
                new TarUnpacker().unpackFresh(rootfs, root); // on failure it removes what it unpacked
            } catch (IOException e) {
                throw ContainerException.runtime("cannot unpack " + rootfs + ": " + e.getMessage());
            }
        } else {
            throw ContainerException.runtime("--rootfs " + rootfs + " does not exist: give a directory or a tar file"
                    + " (`jrocker rootfs busybox -o busybox.tar` makes one)");
        }
    }
    // end::prepare[]

    // tag::stages[]
    /** step02's stages, with the chroot right before /proc is mounted: that /proc is the new root's. */
    @Override
    protected List<InitStage<?>> stages(ContainerId id, String hostname) {
        List<InitStage<?>> stages = new ArrayList<>(super.stages(id, hostname));
        if (root != null) {
            stages.add(stages.indexOf(new Stages.MountProc()), new Chroot(root.toString()));
        }
        return stages;
    }
    // end::stages[]

    @Override
    protected void cleanUp(ContainerId id) {
        super.cleanUp(id);
        Path directory = containerDirectory;
        if (directory != null) {
            containerDirectory = null;
            try {
                RootfsDirectory.deleteRecursively(directory);
            } catch (IOException e) {
                spec().commandLine().getErr().println("jrocker: could not remove " + directory + ": " + e.getMessage());
            }
        }
    }
}
