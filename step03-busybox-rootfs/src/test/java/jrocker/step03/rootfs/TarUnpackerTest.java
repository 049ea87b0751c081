package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jrocker.step01.testing.Privileges;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarFormatException;
import jrocker.step03.tar.Tars;
import jrocker.step03.testing.TarArchive.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked tree is what the archive describes: modes, owners, times, links. */
class TarUnpackerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Instant T1 = Instant.ofEpochSecond(1_600_000_000, 123_456_789);
    private static final Instant T2 = Instant.ofEpochSecond(1_500_000_000);

    @TempDir
    Path temp;

    @AfterEach
    void deleteQuietly() throws IOException {
        jrocker.step03.testing.TempTrees.deleteChildren(temp);
    }

    private Path unpack(Member... members) throws IOException {
        Path target = temp.resolve("rootfs");
        new TarUnpacker().unpackFresh(new ByteArrayInputStream(Tars.tar(members)), target);
        return target;
    }

    @Test
    void modesIncludingSetuidSetgidAndStickyAreKept() throws IOException {
        Path root = unpack(
                Member.file("bin/su", 04755, "#"),
                Member.file("bin/wall", 02755, "#"),
                Member.of(TarEntry.directory("tmp", 01777)),
                Member.file("etc/shadow", 0640, "root:*::"),
                Member.file("etc/locked", 0000, "no one"),
                Member.of(TarEntry.directory("ro", 0555)),
                Member.file("ro/inside", 0444, "created in a read-only directory"));
        assertEquals(04755, mode(root.resolve("bin/su")));
        assertEquals(02755, mode(root.resolve("bin/wall")));
        assertEquals(01777, mode(root.resolve("tmp")));
        assertEquals(0640, mode(root.resolve("etc/shadow")));
        assertEquals(0000, mode(root.resolve("etc/locked")));
        assertEquals(0555, mode(root.resolve("ro")));
        assertEquals("created in a read-only directory", Files.readString(root.resolve("ro/inside")));
        assertEquals(0755, mode(root.resolve("etc")), "a parent the archive does not list gets 0755");
    }

    @Test
    void numericOwnersAreKeptEvenWithSetuid() throws IOException {
        Privileges.requireRoot("chown to other users", Assumptions::abort);
        Path root = unpack(
                Member.of(TarEntry.directory("home/alice", 0700).withOwner(1000, 1000)),
                Member.of(TarEntry.file("home/alice/prog", 06755, 0).withOwner(1000, 50)),
                Member.of(TarEntry.symlink("home/alice/link", "prog").withOwner(1001, 1002)),
                Member.of(TarEntry.file("big-ids", 0644, 0).withOwner(3_000_000_000L, 4_000_000_000L)));
        assertEquals(List.of(1000, 1000), owner(root.resolve("home/alice")));
        assertEquals(List.of(1000, 50), owner(root.resolve("home/alice/prog")));
        assertEquals(06755, mode(root.resolve("home/alice/prog")), "chown first, or it clears setuid/setgid");
        assertEquals(List.of(1001, 1002), owner(root.resolve("home/alice/link")), "lchown: the link's own owner");
        assertEquals(List.of((int) 3_000_000_000L, (int) 4_000_000_000L), owner(root.resolve("big-ids")),
                "ids above 2^31 (as Java's signed ints)");
    }

    @Test
    void ownersAreLeftAloneWhenNotPreserved() throws IOException {
        Path target = temp.resolve("rootfs");
        new TarUnpacker().preservingOwners(false).unpackFresh(new ByteArrayInputStream(
                Tars.tar(Member.of(TarEntry.file("f", 0644, 0).withOwner(1234, 5678)))), target);
        int me = (Integer) Files.getAttribute(temp, "unix:uid");
        assertEquals(me, (Integer) Files.getAttribute(target.resolve("f"), "unix:uid"));
    }

    @Test
    void mtimesAreKeptForFilesSymlinksAndDirectoriesEvenWithChildrenAddedLater() throws IOException {
        Path root = unpack(
                Member.of(TarEntry.directory("usr", 0755).withMtime(T2)),
                Member.of(TarEntry.directory("usr/bin", 0755).withMtime(T1)),
                Member.of(TarEntry.file("usr/bin/tool", 0755, 0).withMtime(T1)),
                Member.of(TarEntry.symlink("usr/bin/alias", "tool").withMtime(T2)),
                Member.of(TarEntry.file("usr/later", 0644, 0).withMtime(T1)));
        assertEquals(T2, mtime(root.resolve("usr")), "set after usr/later was created in it");
        assertEquals(T1, mtime(root.resolve("usr/bin")));
        assertEquals(T1, mtime(root.resolve("usr/bin/tool")), "to the nanosecond");
        assertEquals(T2, mtime(root.resolve("usr/bin/alias")), "the symlink's own mtime");
    }

    @Test
    void symlinksKeepTheirTextEvenWhenItPointsNowhere() throws IOException {
        Path root = unpack(
                Member.of(TarEntry.symlink("bin/sh", "busybox")),
                Member.of(TarEntry.symlink("etc/mtab", "/proc/self/mounts")),
                Member.of(TarEntry.symlink("up", "../../..")),
                Member.of(TarEntry.symlink("dangling", "no/such/file")));
        assertEquals("busybox", Files.readSymbolicLink(root.resolve("bin/sh")).toString());
        assertEquals("/proc/self/mounts", Files.readSymbolicLink(root.resolve("etc/mtab")).toString());
        assertEquals("../../..", Files.readSymbolicLink(root.resolve("up")).toString());
        assertEquals("no/such/file", Files.readSymbolicLink(root.resolve("dangling")).toString());
    }

    @Test
    void hardlinksShareTheInode() throws IOException {
        Path root = unpack(
                Member.file("bin/busybox", 0755, "the binary"),
                Member.of(TarEntry.hardlink("bin/ls", "bin/busybox")),
                Member.of(TarEntry.hardlink("sbin/init", "/bin/busybox")), // absolute: relative to the root
                Member.of(TarEntry.symlink("bin/sh", "busybox")),
                Member.of(TarEntry.hardlink("bin/sh2", "bin/sh")));
        Object inode = Files.getAttribute(root.resolve("bin/busybox"), "unix:ino");
        assertEquals(inode, Files.getAttribute(root.resolve("bin/ls"), "unix:ino"));
        assertEquals(inode, Files.getAttribute(root.resolve("sbin/init"), "unix:ino"));
        assertEquals(3, Files.getAttribute(root.resolve("bin/busybox"), "unix:nlink"));
        assertTrue(Files.isSymbolicLink(root.resolve("bin/sh2")), "a hardlink to a symlink is a second symlink");
        assertEquals(Files.getAttribute(root.resolve("bin/sh"), "unix:ino", NOFOLLOW),
                Files.getAttribute(root.resolve("bin/sh2"), "unix:ino", NOFOLLOW));
    }

    @Test
    void laterEntriesReplaceEarlierOnesAsWithTarX() throws IOException {
        Path root = unpack(
                Member.file("a", 0644, "first"),
                Member.file("a", 0600, "second"),
                Member.file("dir/kept", 0644, "kept"),
                Member.of(TarEntry.directory("dir", 0700)),
                Member.file("was-dir/child", 0644, "gone"),
                Member.file("was-dir", 0644, "now a file"),
                Member.file("was-file", 0644, "x"),
                Member.of(TarEntry.symlink("was-file", "a")),
                Member.of(TarEntry.symlink("was-link", "dir")),
                Member.of(TarEntry.directory("was-link", 0755)));
        assertEquals("second", Files.readString(root.resolve("a")));
        assertEquals(0600, mode(root.resolve("a")));
        assertEquals("kept", Files.readString(root.resolve("dir/kept")), "a directory entry keeps the content");
        assertEquals(0700, mode(root.resolve("dir")));
        assertEquals("now a file", Files.readString(root.resolve("was-dir")));
        assertEquals("a", Files.readSymbolicLink(root.resolve("was-file")).toString());
        assertTrue(Files.isDirectory(root.resolve("was-link"), NOFOLLOW), "the link was replaced, not followed");
    }

    @Test
    void devicesAndFifosAreSkippedAndReported() throws IOException {
        List<String> reported = new ArrayList<>();
        UnpackListener listener = new UnpackListener() {
            @Override
            public void skipped(TarEntry entry, String reason) {
                reported.add(entry.name() + ": " + reason);
            }
        };
        byte[] archive = Tars.tar(
                Member.of(new TarEntry("dev/null", TarEntry.Type.CHAR_DEVICE, 0666, 0, 0, 0, T2, "", 1, 3)),
                Member.of(new TarEntry("dev/sda", TarEntry.Type.BLOCK_DEVICE, 0660, 0, 6, 0, T2, "", 8, 0)),
                Member.of(new TarEntry("run/initctl", TarEntry.Type.FIFO, 0600, 0, 0, 0, T2, "", 0, 0)),
                Member.of(TarEntry.hardlink("dev/null2", "dev/null")),
                Member.file("etc/hostname", 0644, "box\n"));
        Path target = temp.resolve("rootfs");
        UnpackSummary summary = new TarUnpacker().withListener(listener).unpackFresh(new ByteArrayInputStream(archive), target);
        assertEquals(List.of(
                "dev/null: device node: Java cannot mknod(2), and the container gets its own /dev",
                "dev/sda: device node: Java cannot mknod(2), and the container gets its own /dev",
                "run/initctl: named pipe (FIFO): Java cannot mkfifo(3)",
                "dev/null2: hardlink to the skipped entry dev/null"), reported);
        assertEquals(reported, summary.skipped().stream().map(s -> s.entry().name() + ": " + s.reason()).toList());
        assertEquals(1, summary.entries());
        assertEquals(4, summary.bytes());
        assertFalse(Files.exists(target.resolve("dev/null"), NOFOLLOW));
        assertEquals("box\n", Files.readString(target.resolve("etc/hostname")));
        assertEquals("1 entries, 4 bytes, 4 skipped (dev/null, dev/sda, run/initctl, dev/null2)", summary.toString());
    }

    @Test
    void theSummaryCountsEntriesAndBytesAndTheListenerSeesEachEntry() throws IOException {
        List<String> seen = new ArrayList<>();
        Path target = temp.resolve("rootfs");
        UnpackSummary summary = new TarUnpacker().withListener(new UnpackListener() {
            @Override
            public void unpacked(TarEntry entry) {
                seen.add(entry.name());
            }
        }).unpackFresh(new ByteArrayInputStream(Tars.gzip(Tars.tar(
                Member.of(TarEntry.directory("etc", 0755)),
                Member.file("etc/passwd", 0644, "root:x:0:0::/root:/bin/sh\n"),
                Member.of(TarEntry.symlink("etc/mtab", "/proc/mounts"))))), target);
        assertEquals(List.of("etc", "etc/passwd", "etc/mtab"), seen);
        assertEquals(new UnpackSummary(3, 26, List.of()), summary);
    }

    /** The hook step05 uses for OCI whiteouts: the filter acts on the tree itself and drops the entry. */
    @Test
    void aFilterCanHandleEntriesItself() throws IOException {
        Path target = temp.resolve("layer");
        Files.createDirectories(target.resolve("etc"));
        Files.writeString(target.resolve("etc/motd"), "from the layer below");
        EntryFilter whiteouts = (entry, rootfs) -> {
            String name = entry.name();
            int slash = name.lastIndexOf('/');
            if (!name.substring(slash + 1).startsWith(".wh.")) {
                return true;
            }
            String hidden = name.substring(0, slash + 1) + name.substring(slash + 1 + ".wh.".length());
            RootfsDirectory.deleteRecursively(rootfs.resolveForWriting(hidden));
            return false;
        };
        UnpackSummary summary = new TarUnpacker().withFilter(whiteouts).unpack(new ByteArrayInputStream(Tars.tar(
                Member.of(TarEntry.file("etc/.wh.motd", 0644, 0)),
                Member.file("etc/issue", 0644, "welcome"))), target);
        assertFalse(Files.exists(target.resolve("etc/motd")));
        assertFalse(Files.exists(target.resolve("etc/.wh.motd")));
        assertEquals("welcome", Files.readString(target.resolve("etc/issue")));
        assertEquals(1, summary.entries());
    }

    @Test
    void theRootEntryGivesTheTargetItsModeAndTime() throws IOException {
        Path root = unpack(Member.of(TarEntry.directory("./", 0750).withMtime(T2)), Member.file("./f", 0644, "f"));
        assertEquals(0750, mode(root));
        assertEquals(T2, mtime(root));
    }

    // --- unpackFresh: all or nothing -------------------------------------------------------------------

    @Test
    void unpackFreshRefusesAnExistingTarget() throws IOException {
        Path target = Files.createDirectory(temp.resolve("exists"));
        Files.writeString(target.resolve("keep"), "mine");
        IOException e = assertThrows(IOException.class, () -> new TarUnpacker().unpackFresh(
                new ByteArrayInputStream(Tars.tar(Member.file("f", 0644, "f"))), target));
        assertEquals(target + " already exists: unpack into a new directory (or delete this one first)", e.getMessage());
        assertEquals("mine", Files.readString(target.resolve("keep")), "nothing of it was deleted");
    }

    @Test
    void unpackFreshLeavesNothingBehindWhenTheArchiveIsTruncated() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep me");
        byte[] archive = Tars.tar(
                Member.of(TarEntry.symlink("escape", outside.toString())),
                Member.of(TarEntry.directory("ro", 0000)),
                Member.file("ro/file", 0444, "x"),
                Member.file("big", 0644, "y".repeat(5000)));
        Path target = temp.resolve("rootfs");
        for (int length : new int[] {0, 700, 2048 + 100, archive.length - 3000, archive.length - 1024}) {
            byte[] truncated = Arrays.copyOf(archive, length);
            TarFormatException e = assertThrows(TarFormatException.class,
                    () -> new TarUnpacker().unpackFresh(new ByteArrayInputStream(truncated), target));
            assertTrue(e.getMessage().startsWith("truncated tar") || e.getMessage().startsWith("not a tar"), e.getMessage());
            assertFalse(Files.exists(target, NOFOLLOW), "removed after failing at " + length);
        }
        assertEquals("keep me", Files.readString(outside.resolve("precious")), "deleting did not follow the symlink");
        assertEquals(List.of(outside.resolve("precious")), Files.list(outside).toList());
    }

    @Test
    void unpackFreshLeavesNothingBehindAfterAnUnsafeEntry() {
        Path target = temp.resolve("rootfs");
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> new TarUnpacker().unpackFresh(
                new ByteArrayInputStream(Tars.tar(Member.file("ok", 0644, "ok"), Member.file("../evil", 0644, "x"))),
                target));
        assertEquals("unsafe tar entry ../evil: \"..\" is not allowed in names", e.getMessage());
        assertFalse(Files.exists(target, NOFOLLOW));
        assertFalse(Files.exists(temp.resolve("evil")));
    }

    @Test
    void aMissingArchiveOrParentIsNamed() {
        IOException noArchive = assertThrows(IOException.class,
                () -> new TarUnpacker().unpackFresh(temp.resolve("no.tar"), temp.resolve("rootfs")));
        assertEquals("no such archive: " + temp.resolve("no.tar"), noArchive.getMessage());
        IOException noParent = assertThrows(IOException.class, () -> new TarUnpacker().unpackFresh(
                new ByteArrayInputStream(Tars.tar(Member.file("f", 0644, ""))), temp.resolve("a/b")));
        assertEquals("cannot create " + temp.resolve("a/b") + ": its parent directory does not exist", noParent.getMessage());
    }

    @Test
    void aHardlinkToSomethingNotYetUnpackedIsRefused() {
        IOException e = assertThrows(IOException.class, () -> unpack(Member.of(TarEntry.hardlink("ls", "bin/busybox"))));
        assertEquals("cannot unpack hardlink ls: its target bin/busybox is not in the archive before it", e.getMessage());
        IOException toDirectory = assertThrows(IOException.class,
                () -> unpack(Member.of(TarEntry.directory("d", 0755)), Member.of(TarEntry.hardlink("h", "d"))));
        assertEquals("cannot unpack hardlink h: its target d is a directory", toDirectory.getMessage());
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW) & 07777;
    }

    private static List<Integer> owner(Path path) throws IOException {
        return List.of((Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW),
                (Integer) Files.getAttribute(path, "unix:gid", NOFOLLOW));
    }

    private static Instant mtime(Path path) throws IOException {
        return ((FileTime) Files.getAttribute(path, "lastModifiedTime", NOFOLLOW)).toInstant();
    }
}
