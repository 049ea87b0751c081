package jrocker.step05.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jrocker.step03.linux.FileMetadata;
import jrocker.step03.tar.FileNames;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.tar.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit's direction: an overlayfs upper directory written as an OCI layer. */
class UpperDirArchiverTest {
    static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    @TempDir
    Path upper;

    final FakeLayerFileSystem fs = new FakeLayerFileSystem();

    @Test
    void writesChangesWhiteoutsAndOpaqueDirectoriesAsDockerDoes() throws IOException {
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hostname"), "box\n");
        fs.makeWhiteout(upper.resolve("etc/motd"));
        Files.createDirectories(upper.resolve("opt/app"));
        Files.setAttribute(upper.resolve("opt"), "unix:mode", 0750, LinkOption.NOFOLLOW_LINKS);
        fs.markOpaque(upper.resolve("opt"));
        Files.writeString(upper.resolve("opt/app/run"), "#!/bin/sh\n");
        Files.setAttribute(upper.resolve("opt/app/run"), "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
        Files.createSymbolicLink(upper.resolve("opt/current"), Path.of("app"));
        Files.createLink(upper.resolve("opt/run-link"), upper.resolve("opt/app/run"));
        Files.setLastModifiedTime(upper.resolve("opt"), FileTime.from(MTIME));

        List<String> entries = new ArrayList<>();
        byte[] tar = archive();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                String content = new String(reader.content().readAllBytes());
                entries.add(entry.type() + " " + entry.name() + " " + Integer.toOctalString(entry.mode())
                        + (entry.linkName().isEmpty() ? "" : " -> " + entry.linkName()) + (content.isEmpty() ? "" : " " + content.trim()));
                if (entry.name().equals("opt/.wh..wh..opq")) {
                    assertEquals(MTIME, entry.mtime(), "the opaque marker has the directory's mtime");
                }
            }
        }
        assertEquals(List.of(
                "DIRECTORY etc 755",
                "FILE etc/hostname 644 box",
                "FILE etc/.wh.motd 600", // sorted by the names on disk: hostname, motd
                "DIRECTORY opt 750",
                "FILE opt/.wh..wh..opq 750",
                "DIRECTORY opt/app 755",
                "FILE opt/app/run 755 #!/bin/sh",
                "SYMLINK opt/current 777 -> app",
                "HARDLINK opt/run-link 755 -> opt/app/run"), entries);
        assertArrayEquals(tar, archive(), "the same upper directory always gives the same bytes");
    }

    /**
     * Names are bytes: what a container created under a Latin-1 name (not UTF-8) is archived under exactly
     * that name, a symlink with exactly its target text (a trailing slash included), a whiteout for such a
     * name too, in any locale.
     */
    @Test
    void namesThatAreNotUtf8AreArchivedByteForByte() throws IOException {
        Path directory = Files.createDirectory(FileNames.resolve(upper, "caf\udce9"));
        Files.writeString(FileNames.resolve(directory, "men\udcfa.txt"), "x");
        FileMetadata.symlink("caf\udce9/", FileNames.resolve(upper, "link\udcff"));
        fs.makeWhiteout(FileNames.resolve(upper, "old\udce9"));

        List<String> names = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive()))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                names.add(entry.type() + " " + HexFormat.of().formatHex(FileNames.encode(entry.name()))
                        + (entry.linkName().isEmpty() ? "" : " -> " + HexFormat.of().formatHex(FileNames.encode(entry.linkName()))));
            }
        }
        assertEquals(List.of(
                "DIRECTORY " + hex("caf\u00e9"),
                "FILE " + hex("caf\u00e9/men\u00fa.txt"),
                "SYMLINK " + hex("link\u00ff") + " -> " + hex("caf\u00e9/"),
                "FILE " + hex(".wh.old\u00e9")), names);
    }

    /** Hex of the bytes of {@code latin1} (one byte per char). */
    private static String hex(String latin1) {
        return HexFormat.of().formatHex(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void anEmptyUpperDirectoryIsAnEmptyLayer() throws IOException {
        assertEquals(1024, archive().length, "only the end-of-archive marker");
    }

    private byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out)) {
            new UpperDirArchiver(fs).write(upper, tar);
        }
        return out.toByteArray();
    }
}
