package jrocker.step05.layer;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static jrocker.step03.testing.TarArchive.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.rootfs.UnpackSummary;
import jrocker.step03.rootfs.UnsafeEntryException;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step05.archive.Fixtures;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking OCI layers for overlayfs: step03's TarUnpacker with a WhiteoutFilter, on a fake layer file system. */
class WhiteoutFilterTest {
    @TempDir
    Path temp;

    final FakeLayerFileSystem fs = new FakeLayerFileSystem();
    WhiteoutFilter filter = new WhiteoutFilter(fs);

    private Path unpack(Member... members) throws IOException {
        Path layer = temp.resolve("layer");
        new TarUnpacker().withFilter(filter).preservingOwners(false).unpackFresh(new ByteArrayInputStream(tar(members)), layer);
        return layer;
    }

    /** What the layer directory holds: "whiteout", "opaque dir", "dir" or "file:content". */
    private Map<String, String> describe(Path layer) throws IOException {
        Map<String, String> description = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(layer)) {
            for (Path path : walk.filter(p -> !p.equals(layer)).toList()) {
                String kind = fs.isWhiteout(path) ? "whiteout"
                        : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? (fs.isOpaque(path) ? "opaque dir" : "dir")
                        : "file:" + Files.readString(path);
                description.put(layer.relativize(path).toString(), kind);
            }
        }
        return description;
    }

    @Test
    void aDeletionMarkerBecomesAWhiteoutAndIsNotUnpacked() throws IOException {
        Path layer = unpack(directory("etc"), file("etc/.wh.motd", ""), file("etc/hostname", "box\n"));
        assertEquals(Map.of("etc", "dir", "etc/motd", "whiteout", "etc/hostname", "file:box\n"), describe(layer));
        assertEquals(List.of("whiteout " + layer.resolve("etc/motd")), fs.calls);
    }

    @Test
    void anOpaqueMarkerMarksItsDirectoryAndIsNotUnpacked() throws IOException {
        Path layer = unpack(directory("opt"), file("opt/.wh..wh..opq", ""), file("opt/new", "n"));
        assertEquals(Map.of("opt", "opaque dir", "opt/new", "file:n"), describe(layer));
        assertEquals(List.of("opaque " + layer.resolve("opt")), fs.calls, "one directory marked, the layer root not");
    }

    @Test
    void markersCreateTheirParentDirectories() throws IOException {
        Path layer = unpack(file("a/b/.wh.c", ""), file("x/y/.wh..wh..opq", ""));
        assertEquals(Map.of("a", "dir", "a/b", "dir", "a/b/c", "whiteout", "x", "dir", "x/y", "opaque dir"), describe(layer));
    }

    @Test
    void aDirectoryOfTheSameLayerAtADeletedNameBecomesOpaqueInEitherOrder() throws IOException {
        Path layer = unpack(file(".wh.etc", ""), directory("etc"), file("etc/new", "n"));
        assertEquals(Map.of("etc", "opaque dir", "etc/new", "file:n"), describe(layer)); // no whiteout left

        Files.walk(layer).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        filter = new WhiteoutFilter(fs);
        layer = unpack(directory("etc"), file("etc/new", "n"), file(".wh.etc", ""));
        assertEquals(Map.of("etc", "opaque dir", "etc/new", "file:n"), describe(layer));
    }

    @Test
    void somethingInsideADeletedNameMakesItAnOpaqueDirectory() throws IOException {
        Path layer = unpack(file("a/.wh.b", ""), file("a/b/c", "c"), file("a/.wh.d", ""), file("a/d/.wh.e", ""));
        assertEquals(Map.of("a", "dir", "a/b", "opaque dir", "a/b/c", "file:c", "a/d", "opaque dir", "a/d/e", "whiteout"),
                describe(layer));
    }

    @Test
    void aFileOfTheSameLayerAtADeletedNameSimplyStaysInEitherOrder() throws IOException {
        Path layer = unpack(file("motd", "new"), file(".wh.motd", ""), file(".wh.issue", ""), file("issue", "new"));
        assertEquals(Map.of("motd", "file:new", "issue", "file:new"), describe(layer)); // no whiteout left
    }

    @Test
    void aufsMetadataIsSkipped() throws IOException {
        Path layer = unpack(directory(".wh..wh.plnk"), file(".wh..wh.plnk/42.1234", "x"), file("kept", "k"));
        assertEquals(Map.of("kept", "file:k"), describe(layer));
    }

    @Test
    void anOpaqueMarkerAtTheRootMarksTheLayerRoot() throws IOException {
        Path layer = unpack(file("./.wh..wh..opq", ""));
        assertTrue(fs.isOpaque(layer));
    }

    @Test
    void aMarkerWithoutANameIsRefused() {
        assertEquals("layer entry etc/.wh. is a whiteout without a name (.wh. must be followed by the name of the deleted file)",
                assertThrows(ImageFormatException.class, () -> unpack(file("etc/.wh.", ""))).getMessage());
        assertFalse(Files.exists(temp.resolve("layer")), "unpackFresh removed the half-unpacked layer");
    }

    @Test
    void markersCannotReachOutsideTheLayer() throws IOException {
        assertThrows(UnsafeEntryException.class, () -> unpack(file("../.wh.victim", "")));
        assertThrows(UnsafeEntryException.class, () -> unpack(file("../victim/.wh..wh..opq", "")));
        Files.writeString(temp.resolve("victim"), "still here");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        // a symlink of the layer is followed as if the layer were "/": the whiteout lands inside the layer
        Path layer = unpack(Member.symlink("escape", outside.toString()), file("escape/.wh.x", ""));
        assertEquals(List.of(), fs.calls.stream().filter(call -> call.startsWith("whiteout " + outside)).toList());
        assertTrue(fs.isWhiteout(layer.resolve(outside.toString().substring(1)).resolve("x")));
        try (Stream<Path> nothing = Files.list(outside)) {
            assertEquals(0, nothing.count());
        }
        assertEquals("still here", Files.readString(temp.resolve("victim")));
    }

    @Test
    void theLayerUnpackerVerifiesAndCleansUp() throws IOException {
        byte[] tar = tar(directory("etc"), file("etc/.wh.motd", ""), file("etc/new", "n"));
        Path target = temp.resolve("verified");
        LayerSource good = layer(tar, Digest.sha256(tar));
        UnpackSummary summary = new LayerUnpacker(fs, new TarUnpacker().preservingOwners(false)).unpack(good, target);
        assertEquals(2, summary.entries(), "etc and etc/new; the marker is not an entry of the layer directory");
        assertTrue(fs.isWhiteout(target.resolve("etc/motd")));

        Path corrupt = temp.resolve("corrupt");
        LayerSource bad = layer(tar, Digest.sha256(Fixtures.utf8("something else")));
        assertThrows(DigestMismatchException.class, () -> new LayerUnpacker(fs, new TarUnpacker().preservingOwners(false)).unpack(bad, corrupt));
        assertFalse(Files.exists(corrupt, LinkOption.NOFOLLOW_LINKS), "a layer that does not verify is deleted again");
    }

    @Test
    void aLayerThatFailsItsCheckAfterTheTarsEndIsDeletedToo() throws IOException {
        // The tar reader stops at the end-of-archive blocks; the diff ID is only checked when the read-ahead
        // thread reaches the end of the stream. With more than one read-ahead chunk (256 KiB) of zeros after
        // the end marker, the unpacking is over before the mismatch is found: it must still delete the layer.
        byte[] tar = tar(directory("etc"), file("etc/new", "n"));
        byte[] padded = java.util.Arrays.copyOf(tar, tar.length + 300 * 1024);
        Path corrupt = temp.resolve("corrupt");
        LayerSource bad = layer(padded, Digest.sha256(tar));
        assertThrows(DigestMismatchException.class, () -> new LayerUnpacker(fs, new TarUnpacker().preservingOwners(false)).unpack(bad, corrupt));
        assertFalse(Files.exists(corrupt, LinkOption.NOFOLLOW_LINKS), "a layer that does not verify is deleted again");
    }

    private static LayerSource layer(byte[] tar, Digest diffId) {
        Layer layer = new Layer(1, Digest.sha256(tar), tar.length, MediaTypes.OCI_LAYER, Compression.NONE, diffId);
        return new LayerSource(layer, () -> new ByteArrayInputStream(tar), "a test");
    }
}
