package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bind and connect at a path longer than a socket's address holds, and no descriptor left open after. */
class UnixSocketPathTest {
    @TempDir
    Path tmp;

    @Test
    void aServerAndAClientMeetAtAPathTooLongForSunPath() throws Exception {
        Path directory = Files.createDirectories(tmp.resolve("d".repeat(60)).resolve("e".repeat(60)));
        Path socket = directory.resolve("attach.sock");
        assertTrue(socket.toString().length() > UnixSocketPath.MAX_PATH_BYTES);

        try (ServerSocketChannel server = UnixSocketPath.bind(socket);
             SocketChannel client = UnixSocketPath.connect(socket);
             SocketChannel accepted = server.accept()) {
            assertTrue(Files.exists(socket), "the socket file is in the long directory itself");
            assertTrue(client.isConnected() && accepted.isConnected());
            assertFalse(descriptorsOf(directory), "the directory's descriptor is closed once bound or connected");
        }
    }

    /** A data root behind a symlink (a bigger disk mounted elsewhere): /proc/self/fd names the real directory. */
    @Test
    void aLongPathThroughASymlinkIsReachedToo() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("disk").resolve("d".repeat(60)).resolve("e".repeat(60)));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("disk"));
        Path socket = link.resolve("d".repeat(60)).resolve("e".repeat(60)).resolve("init.sock");
        assertTrue(socket.toString().length() > UnixSocketPath.MAX_PATH_BYTES);

        try (ServerSocketChannel server = UnixSocketPath.bind(socket);
             SocketChannel client = UnixSocketPath.connect(socket);
             SocketChannel accepted = server.accept()) {
            assertTrue(Files.exists(real.resolve("init.sock"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertTrue(client.isConnected() && accepted.isConnected());
        }
    }

    @Test
    void aShortPathIsUsedAsItIs() throws Exception {
        Path socket = tmp.resolve("s.sock");
        try (UnixSocketPath path = UnixSocketPath.of(socket)) {
            assertEquals(socket.toString(), path.path());
            assertEquals(socket.toString(), path.pathForOtherProcesses());
        }
    }

    /** Whether a descriptor of this process refers to {@code directory}. */
    private static boolean descriptorsOf(Path directory) throws Exception {
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            return list.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(directory);
                } catch (java.io.IOException closedMeanwhile) {
                    return false;
                }
            });
        }
    }
}
