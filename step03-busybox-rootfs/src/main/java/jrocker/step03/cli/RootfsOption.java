package jrocker.step03.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code run --rootfs PATH} (a picocli mixin: steps 4 and 5 have it too). */
public final class RootfsOption {
    @Option(names = "--rootfs", paramLabel = "PATH",
            description = "The container's root file system: a directory, or a tar file (plain or gzip), "
                    + "e.g. from `jrocker rootfs busybox` or `docker export`.")
    Path rootfs;

    /** What --rootfs says; a path that is neither a directory nor a file is a one-line error. */
    public Rootfs rootfs() {
        return Rootfs.of(rootfs);
    }

    /** Whether --rootfs was given at all (step05: then the positionals are COMMAND, not IMAGE). */
    public boolean given() {
        return rootfs != null;
    }
}
