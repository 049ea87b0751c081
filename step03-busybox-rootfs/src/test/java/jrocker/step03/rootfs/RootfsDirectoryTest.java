package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths inside a container's root, resolved from the host; and deleting a root safely. */
class RootfsDirectoryTest {
    @TempDir
    Path temp;

    @AfterEach
    void deleteQuietly() throws IOException {
        jrocker.step03.testing.TempTrees.deleteChildren(temp);
    }

    @Tag("entry-components")
    @Test
    void entryNamesBecomeRelativeComponents() throws IOException {
        assertEquals(List.of("etc", "passwd"), RootfsDirectory.components("/etc/passwd"));
        assertEquals(List.of("usr", "bin", "env"), RootfsDirectory.components("./usr//bin/./env/"));
        assertEquals(List.of(), RootfsDirectory.components("./"));
        assertThrows(UnsafeEntryException.class, () -> RootfsDirectory.components("usr/../../etc"));
    }

    @Tag("rootfs-resolve")
    @Test
    void resolvingFollowsSymlinksAsIfTheRootWereSlash() throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/usr"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../usr"));
        Files.createSymbolicLink(root.resolve("usr/bin/self"), Path.of("../bin"));
        RootfsDirectory rootfs = new RootfsDirectory(root);
        assertEquals(root.resolve("usr/bin/sh"), rootfs.resolveExisting("bin/sh"));
        assertEquals(root.resolve("usr/bin"), rootfs.resolveExisting("abs/bin"));
        assertEquals(root.resolve("usr/bin"), rootfs.resolveExisting("up/bin"));
        assertEquals(root.resolve("usr/bin/x"), rootfs.resolveExisting("bin/self/self/x"));
        assertEquals(root.resolve("bin"), rootfs.resolveExisting("bin"), "the last component is not followed");
        assertEquals(root, rootfs.resolveExisting("/"));
    }

    @Tag("rootfs-resolve")
    @Test
    void resolvingForWritingCreatesMissingParentsButResolvingExistingDoesNot() throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        RootfsDirectory rootfs = new RootfsDirectory(root);
        assertNull(rootfs.resolveExisting("var/lib/x"));
        assertFalse(Files.exists(root.resolve("var")));
        assertEquals(root.resolve("var/lib/x"), rootfs.resolveForWriting("var/lib/x"));
        assertTrue(Files.isDirectory(root.resolve("var/lib")));
        assertEquals(0755, (Integer) Files.getAttribute(root.resolve("var/lib"), "unix:mode") & 07777);
        assertFalse(Files.exists(root.resolve("var/lib/x")), "only the parents");
        Files.writeString(root.resolve("file"), "");
        IOException e = assertThrows(IOException.class, () -> rootfs.resolveForWriting("file/x"));
        assertEquals("cannot unpack file/x: file is not a directory", e.getMessage());
    }

    @Test
    void deletingNeverFollowsSymlinks() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "keep");
        Path tree = Files.createDirectories(temp.resolve("tree/a/b"));
        Files.createSymbolicLink(tree.resolve("to-outside"), outside);
        Files.createSymbolicLink(temp.resolve("tree/to-file"), outside.resolve("keep"));
        Files.createSymbolicLink(temp.resolve("link-to-tree"), outside);
        RootfsDirectory.deleteRecursively(temp.resolve("tree"));
        RootfsDirectory.deleteRecursively(temp.resolve("link-to-tree"));
        assertFalse(Files.exists(temp.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(temp.resolve("link-to-tree"), LinkOption.NOFOLLOW_LINKS), "the link itself goes");
        assertEquals("keep", Files.readString(outside.resolve("keep")));
        RootfsDirectory.deleteRecursively(temp.resolve("never-existed")); // nothing to do, no error
    }

    @Test
    void deletingOpensUpDirectoriesWithoutPermissions() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree/locked/deeper"));
        Files.writeString(tree.resolve("file"), "x");
        Files.setAttribute(tree, "unix:mode", 0000);
        Files.setAttribute(temp.resolve("tree/locked"), "unix:mode", 0500);
        RootfsDirectory.deleteRecursively(temp.resolve("tree"));
        assertFalse(Files.exists(temp.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
    }

    /** A container's rootfs may have /proc or a volume mounted in it: deleting must not go through mounts. */
    @Test
    void deletingRefusesATreeWithSomethingMountedInside() throws Exception {
        Privileges.requireRoot("mount a tmpfs", Assumptions::abort);
        Path tree = Files.createDirectories(temp.resolve("rootfs/proc"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "jrocker-test", tree.toString());
        try {
            Files.writeString(tree.resolve("on-the-mount"), "keep");
            IOException e = assertThrows(IOException.class, () -> RootfsDirectory.deleteRecursively(temp.resolve("rootfs")));
            assertEquals("refusing to delete " + temp.resolve("rootfs") + ": " + tree.toRealPath()
                    + " is mounted inside it (umount it first)", e.getMessage());
            assertEquals("keep", Files.readString(tree.resolve("on-the-mount")));
        } finally {
            run("umount", tree.toString());
        }
        RootfsDirectory.deleteRecursively(temp.resolve("rootfs"));
        assertFalse(Files.exists(temp.resolve("rootfs")));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
