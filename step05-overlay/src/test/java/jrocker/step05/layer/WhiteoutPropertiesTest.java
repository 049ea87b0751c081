package jrocker.step05.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.tar.TarWriter;
import jrocker.step05.layer.LayerModel.Change;
import jrocker.step05.layer.LayerModel.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * The two translations between OCI layers and overlayfs layer directories, checked on generated layers
 * (real tars, step03's TarUnpacker, real directories; whiteouts and opaque marks from the fake):
 * <ol>
 *   <li>OCI to overlayfs and back gives the same layer;</li>
 *   <li>layers unpacked for overlayfs and stacked the way overlayfs stacks them show exactly what the OCI
 *       rules say the image holds.</li>
 * </ol>
 * Paths come from a tiny alphabet so that layers collide often: deleting what a lower layer has, a file
 * replacing a directory, a directory deleted and re-created in one layer...
 */
class WhiteoutPropertiesTest {
    @TempDir
    Path temp;

    final FakeLayerFileSystem fs = new FakeLayerFileSystem();
    private int unpacked;

    private static Gen<Change> changes() {
        Gen<String> paths = lists().of(arbitrary().pick("a", "b", "c")).ofSizeBetween(1, 3).map(parts -> String.join("/", parts));
        Gen<Kind> kinds = arbitrary().pick(Kind.FILE, Kind.FILE, Kind.DIRECTORY, Kind.SYMLINK, Kind.DELETION, Kind.DELETION, Kind.OPAQUE);
        Gen<String> contents = arbitrary().pick("x", "y", "", "../b", "/etc");
        return kinds.zip(paths, contents, integers().between(0, 2), (kind, path, content, modeChoice) -> new Change(kind, path,
                kind == Kind.SYMLINK && content.isEmpty() ? "." : content, // a symlink cannot be empty
                kind == Kind.DIRECTORY ? new int[] {0755, 0700, 0750}[modeChoice] : new int[] {0644, 0600, 0755}[modeChoice]));
    }

    /** Layers in a random entry order: the unpacker must not depend on it. */
    private static Gen<List<Change>> layers(boolean canonical) {
        return lists().of(changes()).ofSizeBetween(0, 9).zip(integers().all(), (raw, seed) -> {
            List<Change> layer = new ArrayList<>(LayerModel.layer(raw, canonical));
            Collections.shuffle(layer, new Random(seed));
            return layer;
        });
    }

    @Test
    void ociToOverlayAndBackIsTheIdentity() {
        qt().withExamples(300).forAll(layers(true)).checkAssert(layer -> {
            try {
                Path directory = unpack(layer);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (TarWriter tar = new TarWriter(out)) {
                    new UpperDirArchiver(fs).write(directory, tar);
                }
                assertEquals(LayerModel.meaning(layer), LayerModel.meaning(out.toByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                cleanUp();
            }
        });
    }

    @Test
    void stackedLayerDirectoriesShowWhatTheOciRulesSay() {
        qt().withExamples(300).forAll(layers(false), layers(false), layers(false)).checkAssert((bottom, middle, top) -> {
            try {
                Map<String, String> expected = LayerModel.apply(LayerModel.apply(LayerModel.apply(LayerModel.empty(), bottom),
                        middle), top);
                List<Path> directories = List.of(unpack(top), unpack(middle), unpack(bottom));
                assertEquals(expected, SimulatedOverlay.merge(directories, fs),
                        "bottom " + bottom + "\nmiddle " + middle + "\ntop " + top);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                cleanUp();
            }
        });
    }

    @Test
    void anExampleWorthReading() throws IOException {
        // busybox-like base, then a layer that deletes /etc/motd and replaces /opt wholesale
        List<Change> base = List.of(new Change(Kind.DIRECTORY, "etc", "", 0755), new Change(Kind.FILE, "etc/motd", "hi", 0644),
                new Change(Kind.FILE, "etc/passwd", "root", 0644), new Change(Kind.DIRECTORY, "opt", "", 0755),
                new Change(Kind.FILE, "opt/old", "o", 0644));
        List<Change> change = List.of(new Change(Kind.DIRECTORY, "etc", "", 0755), new Change(Kind.DELETION, "etc/motd", "", 0),
                new Change(Kind.DIRECTORY, "opt", "", 0755), new Change(Kind.OPAQUE, "opt", "", 0),
                new Change(Kind.FILE, "opt/new", "n", 0644));
        Map<String, String> merged = SimulatedOverlay.merge(List.of(unpack(change), unpack(base)), fs);
        assertEquals(Map.of("etc", "dir", "etc/passwd", "file:root", "opt", "dir", "opt/new", "file:n"), merged);
        assertEquals(LayerModel.apply(LayerModel.apply(LayerModel.empty(), base), change), merged);
    }

    private Path unpack(List<Change> layer) throws IOException {
        Path directory = temp.resolve("layer" + unpacked++);
        new TarUnpacker().withFilter(new WhiteoutFilter(fs)).preservingOwners(false)
                .unpackFresh(new ByteArrayInputStream(LayerModel.tar(layer)), directory);
        return directory;
    }

    private void cleanUp() {
        try {
            jrocker.step03.testing.TempTrees.deleteChildren(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
