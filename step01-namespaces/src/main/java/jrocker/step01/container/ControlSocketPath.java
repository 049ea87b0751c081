package jrocker.step01.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where jrocker's control socket is: the path jrocker binds, the path the init connects to, and the file that
 * is removed afterwards. Steps 1 to 4 make a fresh directory in the temporary directory (mode 0700: only
 * root may connect); step05 puts the socket in the container's own directory, so that nothing of a container
 * outlives it, even when jrocker is killed before it could clean up.
 *
 * <p>A path too long for a socket's address is reached through the directory's descriptor
 * ({@link UnixSocketPath}). The init connects to {@code /proc/JROCKER_PID/fd/N/NAME}: at that moment it still
 * sees the host's /proc (it mounts its own later), and jrocker holds the descriptor until the start is over.
 */
public final class ControlSocketPath implements AutoCloseable {
    private final Path file;
    private final UnixSocketPath address;
    private final boolean removeDirectory;

    private ControlSocketPath(Path file, UnixSocketPath address, boolean removeDirectory) {
        this.file = file;
        this.address = address;
        this.removeDirectory = removeDirectory;
    }

    /** A socket with a name of its own in {@code directory} (two starts in one directory never collide). */
    public static ControlSocketPath in(Path directory) throws IOException {
        Path file = directory.resolve("init-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".sock");
        return new ControlSocketPath(file, UnixSocketPath.of(file), false);
    }

    /** A socket in a new directory of the temporary directory, removed with it. */
    public static ControlSocketPath inNewTemporaryDirectory() throws IOException {
        Path file = Files.createTempDirectory("jrocker-init-").resolve("init.sock");
        return new ControlSocketPath(file, UnixSocketPath.of(file), true);
    }

    /** What jrocker binds its server socket to. */
    public String bindPath() {
        return address.path();
    }

    /** What the init, another process, connects to. */
    public String connectPath() {
        return address.pathForOtherProcesses();
    }

    /** The socket file itself. */
    public Path file() {
        return file;
    }

    /** Remove the socket file (and a temporary directory made for it); close the directory descriptor. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            if (removeDirectory) {
                Files.deleteIfExists(file.getParent());
            }
        } catch (IOException e) {
            // a directory in /tmp, mode 0700, or the container's directory (removed with it)
        }
        address.close();
    }
}
