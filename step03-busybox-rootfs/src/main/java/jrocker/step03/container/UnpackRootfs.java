package jrocker.step03.container;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.HostStage;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.rootfs.TarUnpacker;

/**
 * A tar given as --rootfs (such as {@code jrocker rootfs busybox} or {@code docker export} writes), unpacked
 * while the init boots into the container's own directory, {@code DATA_ROOT/containers/ID/rootfs}, which lives
 * as long as the container: step03 has no {@code ps} or {@code rm} yet, so its containers behave like
 * {@code docker run --rm} (step05 keeps them until you remove them).
 */
public final class UnpackRootfs implements HostStage {
    private final Path tar;
    private final Path containerDirectory;
    private final PrintWriter err;
    /** Set once the directory exists: removed at the end. */
    private volatile boolean made;

    /** @param containerDirectory {@code DATA_ROOT/containers/ID}; the root is its {@code rootfs} */
    public UnpackRootfs(Path tar, Path containerDirectory, PrintWriter err) {
        this.tar = tar;
        this.containerDirectory = containerDirectory;
        this.err = err;
    }

    // tag::unpack-rootfs[]
    @Override
    public void whileInitBoots() throws IOException {
        Files.createDirectories(containerDirectory);
        made = true;
        try {
            new TarUnpacker().unpackFresh(tar, containerDirectory.resolve("rootfs")); // on failure it removes what it unpacked
        } catch (IOException e) {
            throw ContainerException.runtime("cannot unpack " + tar + ": " + e.getMessage());
        }
    }

    @Override
    public void undo() {
        if (made) {
            made = false;
            try {
                RootfsDirectory.deleteRecursively(containerDirectory);
            } catch (IOException e) {
                err.println("jrocker: could not remove " + containerDirectory + ": " + e.getMessage());
                err.flush();
            }
        }
    }
    // end::unpack-rootfs[]
}
