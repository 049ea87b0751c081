package jrocker.step03.container;

import java.nio.file.Path;

/**
 * Where jrocker keeps what outlives a command: {@code /var/lib/jrocker}, or {@code $JROCKER_DATA_ROOT}
 * (tests point it at a temporary directory). In step03 it holds each container's unpacked root file
 * system, {@code containers/ID/rootfs}; step05 adds images and layers.
 */
public record DataRoot(Path path) {
    public static final Path DEFAULT = Path.of("/var/lib/jrocker");

    /** The data root this process uses. */
    public static DataRoot current() {
        String configured = System.getenv("JROCKER_DATA_ROOT");
        return new DataRoot(configured == null || configured.isEmpty() ? DEFAULT : Path.of(configured).toAbsolutePath());
    }

    /** {@code containers/ID}: everything of one container. */
    public Path container(String id) {
        return path.resolve("containers").resolve(id);
    }
}
