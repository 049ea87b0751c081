package jrocker.step01.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where jrocker's control socket is: the path jrocker binds, the path the init connects to, and the file that
 * is removed afterwards. Steps 1 to 4 make a fresh directory in the temporary directory (mode 0700: only
 * root may connect); step05 puts the socket in the container's own directory, so that nothing of a container
 * outlives it, even when jrocker is killed before it could clean up.
 *
 * <p>A Unix socket's address holds at most 107 bytes of path ({@code sun_path} is 108 bytes, with the final
 * NUL), and {@code DATA_ROOT/containers/<64 hex digits>/} alone takes 90 of them with the default data root.
 * When the path is too long, the socket is bound through a directory descriptor: jrocker opens the directory
 * and binds {@code /proc/self/fd/N/NAME}, and the kernel, resolving that magic link, creates the socket in the
 * directory itself. The init connects to {@code /proc/JROCKER_PID/fd/N/NAME}: at that moment it still sees
 * the host's /proc (it mounts its own later), and jrocker holds the descriptor until the start is over.
 */
public final class ControlSocketPath implements AutoCloseable {
    /** sun_path's 108 bytes, less the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final Path file;
    private final String bindPath;
    private final String connectPath;
    private final FileChannel directoryHandle;
    private final boolean removeDirectory;

    private ControlSocketPath(Path file, String bindPath, String connectPath, FileChannel directoryHandle,
                              boolean removeDirectory) {
        this.file = file;
        this.bindPath = bindPath;
        this.connectPath = connectPath;
        this.directoryHandle = directoryHandle;
        this.removeDirectory = removeDirectory;
    }

    /** A socket with a name of its own in {@code directory} (two starts in one directory never collide). */
    public static ControlSocketPath in(Path directory) throws IOException {
        Path file = directory.resolve("init-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".sock");
        return at(file, false);
    }

    /** A socket in a new directory of the temporary directory, removed with it. */
    public static ControlSocketPath inNewTemporaryDirectory() throws IOException {
        return at(Files.createTempDirectory("jrocker-init-").resolve("init.sock"), true);
    }

    private static ControlSocketPath at(Path file, boolean removeDirectory) throws IOException {
        String path = file.toString();
        if (path.getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
            return new ControlSocketPath(file, path, path, null, removeDirectory);
        }
        Path directory = file.getParent();
        Map<String, String> before = openDescriptors();
        FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ);
        String fd = null;
        for (Map.Entry<String, String> open : openDescriptors().entrySet()) {
            if (open.getValue().equals(directory.toString()) && !open.getValue().equals(before.get(open.getKey()))) {
                fd = open.getKey(); // the descriptor that appeared with our channel
            }
        }
        if (fd == null) {
            handle.close();
            throw new IOException("cannot find the descriptor of " + directory + " in /proc/self/fd");
        }
        String name = file.getFileName().toString();
        return new ControlSocketPath(file, "/proc/self/fd/" + fd + "/" + name,
                "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd + "/" + name, handle, removeDirectory);
    }

    /** Each open descriptor of this process and what it refers to. Java does not tell a channel's number. */
    private static Map<String, String> openDescriptors() {
        Map<String, String> descriptors = new HashMap<>();
        String[] names = Path.of("/proc/self/fd").toFile().list();
        for (String name : names == null ? new String[0] : names) {
            try {
                descriptors.put(name, Files.readSymbolicLink(Path.of("/proc/self/fd", name)).toString());
            } catch (IOException closedMeanwhile) {
                // the listing's own descriptor, or one another thread closed
            }
        }
        return descriptors;
    }

    /** What jrocker binds its server socket to. */
    public String bindPath() {
        return bindPath;
    }

    /** What the init, another process, connects to. */
    public String connectPath() {
        return connectPath;
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
        if (directoryHandle != null) {
            try {
                directoryHandle.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
