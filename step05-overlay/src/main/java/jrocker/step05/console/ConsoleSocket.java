package jrocker.step05.console;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jrocker.step05.linux.DirectoryHandle;

/**
 * The console's socket, {@code attach.sock} in the container's directory, bound and connected to however long
 * that directory's path is: a Unix socket's path has room for 107 bytes, and a longer one is reached through a
 * short name of the directory ({@link DirectoryHandle}).
 */
public final class ConsoleSocket {
    /** sun_path has 108 bytes, one of them for the terminating zero. */
    static final int MAX_PATH_BYTES = 107;

    private ConsoleSocket() {
    }

    /** A server on the socket {@code name} in {@code directory}. */
    public static ServerSocketChannel bind(Path directory, String name) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (fits(directory.resolve(name))) {
                server.bind(UnixDomainSocketAddress.of(directory.resolve(name)));
            } else {
                try (DirectoryHandle handle = DirectoryHandle.open(directory)) {
                    server.bind(UnixDomainSocketAddress.of(handle.resolve(name)));
                }
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A connection to the socket {@code name} in {@code directory}. */
    public static SocketChannel connect(Path directory, String name) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            if (fits(directory.resolve(name))) {
                channel.connect(UnixDomainSocketAddress.of(directory.resolve(name)));
            } else {
                try (DirectoryHandle handle = DirectoryHandle.open(directory)) {
                    channel.connect(UnixDomainSocketAddress.of(handle.resolve(name)));
                }
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }
}
