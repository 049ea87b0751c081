package jrocker.step05.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jrocker.step01.container.ContainerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mount points made where the image lacks them, always inside the container's root, whatever its symlinks say. */
class MountPointsTest {
    @TempDir
    Path sandbox;

    private Path root() throws IOException {
        return Files.createDirectories(sandbox.resolve("root"));
    }

    @Test
    void aMissingDirectoryIsMadeWithRuncsMode() throws IOException {
        Path root = root();

        Path proc = MountPoints.directory(root, "/proc");
        Path deep = MountPoints.directory(root, "/srv/data/cache");

        assertEquals(root.resolve("proc"), proc);
        assertTrue(Files.isDirectory(proc));
        assertEquals(0755, (Integer) Files.getAttribute(proc, "unix:mode") & 07777);
        assertEquals(0755, (Integer) Files.getAttribute(root.resolve("srv"), "unix:mode") & 07777);
        assertTrue(Files.isDirectory(deep));
        assertEquals(deep, MountPoints.directory(root, "/srv/data/cache"), "an existing one is used as it is");
    }

    @Test
    void aSymlinkThatPointsOutsideIsFollowedInsideTheRoot() throws IOException {
        Path root = root();
        Path outside = sandbox.resolve("outside");
        Files.createSymbolicLink(root.resolve("absolute"), outside);                      // the host's path
        Files.createSymbolicLink(root.resolve("climbing"), Path.of("../../../../outside")); // ".." above the root
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("data"), Path.of("/etc"));

        assertEquals(root.resolve(outside.toString().substring(1)), MountPoints.directory(root, "/absolute"),
                "an absolute target starts again at the container's root");
        assertEquals(root.resolve("outside"), MountPoints.directory(root, "/climbing"));
        assertEquals(root.resolve("etc"), MountPoints.directory(root, "/data"));
        assertFalse(Files.exists(outside), "nothing was made outside the root");
    }

    @Test
    void aFileVolumeGetsAnEmptyFileThroughTheImagesSymlinks() throws IOException {
        Path root = root();
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/real-hosts"), "127.0.0.1 localhost\n");
        Files.createSymbolicLink(root.resolve("etc/hosts"), Path.of("real-hosts"));

        Path made = MountPoints.file(root, "/run/secret/token");
        Path linked = MountPoints.file(root, "/etc/hosts");

        assertTrue(Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.size(made));
        assertEquals(root.resolve("etc/real-hosts"), linked, "the symlink is followed, not replaced");
        assertEquals("127.0.0.1 localhost\n", Files.readString(linked), "an existing file is left as it is");
    }

    @Test
    void aMountPointOfTheWrongKindOrASymlinkLoopIsAOneLineError() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("proc"), "not a directory");
        Files.createDirectories(root.resolve("etc/hosts"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));

        assertEquals("cannot mount a directory at /proc: it is a file in the image",
                assertThrows(ContainerException.class, () -> MountPoints.directory(root, "/proc")).getMessage());
        assertEquals("cannot mount a file at /etc/hosts: it is a directory in the image",
                assertThrows(ContainerException.class, () -> MountPoints.file(root, "/etc/hosts")).getMessage());
        ContainerException loop = assertThrows(ContainerException.class, () -> MountPoints.directory(root, "/loop"));
        assertTrue(loop.getMessage().startsWith("cannot make the mount point /loop: "), loop.getMessage());
        assertEquals(125, loop.exitCode());
    }
}
