package jrocker.step03.container;

import java.nio.file.Path;

/**
 * Where jrocker keeps what outlives a command: {@code /var/lib/jrocker}, or what {@code --data-root} or
 * {@code $JROCKER_DATA_ROOT} says. In step03 it holds each container's unpacked root file system,
 * {@code containers/ID/rootfs}; step05 adds images and layers.
 */
public record DataRoot(Path path) {
    public static final Path DEFAULT = Path.of("/var/lib/jrocker");

    /** {@code containers/ID}: everything of one container. */
    public Path container(String id) {
        return path.resolve("containers").resolve(id);
    }
}
