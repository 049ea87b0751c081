package jrocker.step05.container;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.HostStage;
import jrocker.step05.store.StoreErrors;

/**
 * Each -v's host directory, created if missing (as docker does) while the init boots, so that the init can
 * bind it ({@link BindVolume}). A host path that exists and is no directory (a file, a socket) is bound as it
 * is. Never removed: a volume's files are the host's.
 */
public record CreateVolumeDirectories(List<Volume> volumes) implements HostStage {
    public CreateVolumeDirectories {
        volumes = List.copyOf(volumes);
    }

    @Override
    public void whileInitBoots() {
        for (Volume volume : volumes) {
            if (!Files.exists(volume.host())) {
                try {
                    Files.createDirectories(volume.host());
                } catch (java.nio.file.FileAlreadyExistsException e) { // a dangling symlink: it exists, and does not
                    throw ContainerException.runtime("cannot make the volume's host directory " + volume.host()
                            + ": " + e.getFile() + " is in the way (a dangling symlink?)");
                } catch (IOException e) { // a file on the way, a read-only file system
                    throw ContainerException.runtime("cannot make the volume's host directory " + volume.host() + ": "
                            + StoreErrors.describe(e));
                }
            }
        }
    }
}
