package jrocker.step05.layer;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import jrocker.step01.testing.Privileges;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.tar.TarWriter;
import jrocker.step03.testing.TarArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real whiteouts (mknod 0/0) and opaque directories (trusted.overlay.opaque) in a temporary directory:
 * no mount, no container, but root (CAP_MKNOD, CAP_SYS_ADMIN). The temporary directory must be on a file
 * system that keeps trusted.* attributes (ext4, xfs, tmpfs; not overlayfs itself).
 */
class LinuxLayerFileSystemPrivilegedIT {
    @TempDir
    Path temp;

    final LinuxLayerFileSystem fs = new LinuxLayerFileSystem();

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("whiteouts are device nodes and opaque marks are trusted.* attributes", Assumptions::abort);
    }

    @Test
    void aWhiteoutIsACharacterDevice00() throws IOException {
        Path whiteout = temp.resolve("deleted");
        fs.makeWhiteout(whiteout);
        Map<String, Object> attributes = Files.readAttributes(whiteout, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, (Integer) attributes.get("mode") & 0170000, "S_IFCHR");
        assertEquals(0L, attributes.get("rdev"));
        assertTrue(fs.isWhiteout(whiteout));
        Files.writeString(temp.resolve("file"), "");
        assertFalse(fs.isWhiteout(temp.resolve("file")));
        assertFalse(fs.isWhiteout(temp.resolve("missing")));
        assertFalse(fs.isWhiteout(Path.of("/dev/null")), "a character device, but 1/3");
    }

    @Test
    void anOpaqueDirectoryHasTheTrustedXattr() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("opaque"));
        assertFalse(fs.isOpaque(directory));
        fs.markOpaque(directory);
        assertTrue(fs.isOpaque(directory));
        assertFalse(fs.isOpaque(Files.createDirectory(temp.resolve("plain"))));
    }

    @Test
    void aLayerUnpackedForOverlayfsAndArchivedBackIsTheSameLayer() throws IOException {
        byte[] tar = TarArchive.tar(directory("etc"), file("etc/.wh.motd", ""), directory("opt"), file("opt/.wh..wh..opq", ""),
                file("opt/new", "n"));
        Path layer = temp.resolve("layer");
        new TarUnpacker().withFilter(new WhiteoutFilter(fs)).unpackFresh(new ByteArrayInputStream(tar), layer);
        assertTrue(fs.isWhiteout(layer.resolve("etc/motd")));
        assertTrue(fs.isOpaque(layer.resolve("opt")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            new UpperDirArchiver(fs).write(layer, writer);
        }
        Set<String> meaning = LayerModel.meaning(out.toByteArray());
        assertEquals(Set.of("directory etc 755", "deleted etc/motd", "directory opt 755", "opaque opt", "file opt/new 644 n"), meaning);
    }
}
