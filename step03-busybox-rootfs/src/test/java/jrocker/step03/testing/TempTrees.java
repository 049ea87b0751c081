package jrocker.step03.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step03.rootfs.RootfsDirectory;

/** For tests of step03 and later that unpack root file systems into a JUnit temporary directory. */
public final class TempTrees {
    private TempTrees() {
    }

    /**
     * Delete everything in {@code directory}, keeping the directory: with {@link RootfsDirectory#deleteRecursively},
     * which never follows a link. JUnit's own cleanup would warn about every symlink that points out of the
     * temporary directory, and root file systems are full of them.
     */
    public static void deleteChildren(Path directory) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                RootfsDirectory.deleteRecursively(child);
            }
        }
    }
}
