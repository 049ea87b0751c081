package jrocker.step01.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A Unix socket's file at a path of any length. A socket's address holds at most 107 bytes of path
 * ({@code sun_path} is 108 bytes, with the final NUL), and {@code DATA_ROOT/containers/<64 hex digits>/} alone
 * takes 90 of them with the default data root. A longer path is reached through a descriptor of its
 * directory: open the directory, and use {@code /proc/self/fd/N/NAME}; the kernel, resolving that magic link,
 * binds or connects in the directory itself. Another process reaches it as {@code /proc/PID/fd/N/NAME} while
 * this one keeps the descriptor open.
 *
 * <p>jrocker's control socket ({@link ControlSocketPath}) and a detached container's console socket
 * ({@code attach.sock}) are both in the container's directory, so both go through here.
 */
public final class UnixSocketPath implements AutoCloseable {
    /** sun_path's 108 bytes, less the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final String path;
    private final String pathForOthers;
    private final FileChannel directoryHandle;

    private UnixSocketPath(String path, String pathForOthers, FileChannel directoryHandle) {
        this.path = path;
        this.pathForOthers = pathForOthers;
        this.directoryHandle = directoryHandle;
    }

    /** The socket {@code file}: as it is if it fits, else through its directory's descriptor (held until closed). */
    public static UnixSocketPath of(Path file) throws IOException {
        String whole = file.toString();
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
            return new UnixSocketPath(whole, whole, null);
        }
        Path directory = file.getParent();
        // /proc/self/fd shows the directory's real path: not the one given, if a symlink or ".." is on the way
        String real = directory.toRealPath().toString();
        Map<String, String> before = openDescriptors();
        FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ);
        String fd = null;
        for (Map.Entry<String, String> open : openDescriptors().entrySet()) {
            if (open.getValue().equals(real) && !open.getValue().equals(before.get(open.getKey()))) {
                fd = open.getKey(); // the descriptor that appeared with our channel
            }
        }
        if (fd == null) {
            handle.close();
            throw new IOException("cannot find the descriptor of " + directory + " in /proc/self/fd");
        }
        String name = file.getFileName().toString();
        return new UnixSocketPath("/proc/self/fd/" + fd + "/" + name,
                "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd + "/" + name, handle);
    }

    /** A server bound to the socket {@code file}, however long its path. */
    public static ServerSocketChannel bind(Path file) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try (UnixSocketPath socket = of(file)) {
            server.bind(UnixDomainSocketAddress.of(socket.path()));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A connection to the socket {@code file}, however long its path. */
    public static SocketChannel connect(Path file) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (UnixSocketPath socket = of(file)) {
            channel.connect(UnixDomainSocketAddress.of(socket.path()));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
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

    /** What this process binds or connects to. */
    public String path() {
        return path;
    }

    /** What another process connects to, while this one has not closed this. */
    public String pathForOtherProcesses() {
        return pathForOthers;
    }

    /** Close the directory's descriptor (the socket file stays). */
    @Override
    public void close() {
        if (directoryHandle != null) {
            try {
                directoryHandle.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
