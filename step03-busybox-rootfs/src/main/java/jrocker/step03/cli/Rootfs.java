package jrocker.step03.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step03.container.DataRoot;

/** Where the container's "/" comes from: the host's (no --rootfs), a directory, or a tar to unpack. */
public sealed interface Rootfs {

    /** The directory that becomes the container's "/"; empty: the host's own. */
    Optional<Path> root(DataRoot dataRoot, ContainerId id);

    /** No --rootfs: the container sees the host's files, as in steps 1 and 2. */
    record HostRoot() implements Rootfs {
        @Override
        public Optional<Path> root(DataRoot dataRoot, ContainerId id) {
            return Optional.empty();
        }
    }

    /** --rootfs DIR: the directory is used as it is (a real path: the init must not follow a link elsewhere). */
    record Directory(Path path) implements Rootfs {
        @Override
        public Optional<Path> root(DataRoot dataRoot, ContainerId id) {
            return Optional.of(path);
        }
    }

    /** --rootfs TAR: unpacked into the container's own directory, {@code DATA_ROOT/containers/ID/rootfs}. */
    record Tar(Path file) implements Rootfs {
        @Override
        public Optional<Path> root(DataRoot dataRoot, ContainerId id) {
            return Optional.of(dataRoot.container(id.full()).resolve("rootfs"));
        }
    }

    /** What {@code --rootfs given} means (null: not given); a path that is neither is a one-line error. */
    static Rootfs of(Path given) {
        if (given == null) {
            return new HostRoot();
        }
        if (Files.isDirectory(given)) {
            try {
                return new Directory(given.toRealPath());
            } catch (IOException e) {
                throw ContainerException.runtime("cannot use --rootfs " + given + ": " + e.getMessage());
            }
        }
        if (Files.isRegularFile(given)) {
            return new Tar(given);
        }
        throw ContainerException.runtime("--rootfs " + given + " does not exist: give a directory or a tar file"
                + " (`jrocker rootfs busybox -o busybox.tar` makes one)");
    }
}
