package jrocker.step03.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step03.rootfs.BusyboxRootfs;

/** For tests of step03 and later: a busybox root file system tar, built from this machine's busybox. */
public final class BusyboxTar {
    private BusyboxTar() {
    }

    /** Write the tar to {@code file} and return it. */
    public static Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BusyboxRootfs.fromHost().writeTar(out);
        }
        return file;
    }
}
