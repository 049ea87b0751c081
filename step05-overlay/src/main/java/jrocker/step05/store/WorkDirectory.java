package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import jrocker.step03.rootfs.RootfsDirectory;

/**
 * A private directory {@code DATA_ROOT/tmp/PID-RANDOM} for one operation's work in progress: extracted
 * archives, layers being unpacked, an image directory being written. Everything finished is renamed out
 * of it (a rename is atomic, and inside one file system); {@link #close()} deletes whatever is left, on
 * success and on failure alike. The PID in the name lets a later command remove what a killed one left
 * ({@link #removeAbandoned}).
 */
public final class WorkDirectory implements AutoCloseable {
    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    public static WorkDirectory create(Path tmp) throws IOException {
        String name = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new WorkDirectory(Files.createDirectory(tmp.resolve(name)));
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Delete the work directories of processes that no longer run (killed in the middle of a load). */
    static void removeAbandoned(Path tmp) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        RootfsDirectory.deleteRecursively(entry);
                    }
                } catch (NumberFormatException notOurs) {
                    // not a work directory: leave it
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        RootfsDirectory.deleteRecursively(path);
    }
}
