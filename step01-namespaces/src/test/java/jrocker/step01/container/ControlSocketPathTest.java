package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket in a directory whose path is short, and in one whose path is too long for sun_path. */
class ControlSocketPathTest {
    @TempDir
    Path tmp;

    @Test
    void aShortPathIsBoundAndConnectedAsItIs() throws Exception {
        try (ControlSocketPath socket = ControlSocketPath.in(tmp)) {
            assertEquals(socket.file().toString(), socket.bindPath());
            assertEquals(socket.file().toString(), socket.connectPath());
            assertConnects(socket);
        }
    }

    @Test
    void aPathLongerThanSunPathIsReachedThroughTheDirectorysDescriptor() throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("d".repeat(60)).resolve("e".repeat(60)));
        try (ControlSocketPath socket = ControlSocketPath.in(deep)) {
            assertTrue(socket.file().toString().length() > UnixSocketPath.MAX_PATH_BYTES);
            assertTrue(socket.bindPath().matches("/proc/self/fd/[0-9]+/init-[0-9a-f]{8}\\.sock"), socket.bindPath());
            assertTrue(socket.connectPath().startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/"), socket.connectPath());
            assertConnects(socket);
            assertTrue(Files.exists(socket.file()), "the socket is in the directory itself");
        }
        try (var left = Files.list(deep)) {
            assertEquals(0, left.count(), "close removes the socket");
        }
    }

    @Test
    void aTemporaryDirectoryGoesWithItsSocket() throws Exception {
        Path directory;
        try (ControlSocketPath socket = ControlSocketPath.inNewTemporaryDirectory()) {
            directory = socket.file().getParent();
            assertConnects(socket);
        }
        assertFalse(Files.exists(directory));
    }

    private static void assertConnects(ControlSocketPath socket) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket.bindPath()));
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertTrue(client.connect(UnixDomainSocketAddress.of(socket.connectPath())));
                try (SocketChannel accepted = server.accept()) {
                    assertTrue(accepted.isConnected());
                }
            }
        }
    }
}
