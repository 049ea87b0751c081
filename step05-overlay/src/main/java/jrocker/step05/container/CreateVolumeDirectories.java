package jrocker.step05.container;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import jrocker.step01.container.HostStage;

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
    public void whileInitBoots() throws IOException {
        for (Volume volume : volumes) {
            if (!Files.exists(volume.host())) {
                Files.createDirectories(volume.host());
            }
        }
    }
}
