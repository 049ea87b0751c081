package jrocker.step05.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.layer.FakeLayerFileSystem;
import jrocker.step05.layer.LayerUnpacker;
import jrocker.step05.layer.SimulatedOverlay;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images made by real tools, not by our own writer: umoci builds an OCI layout (a base layer, a layer
 * from {@code umoci repack} that deletes a file, a layer with an opaque directory), skopeo converts it to a
 * docker-archive, an oci-archive and zstd-compressed layers. Every form must give the same image. No root
 * and no network needed. Needs the Debian packages umoci and skopeo.
 */
class RealToolsTest {
    static final Map<String, String> EXPECTED = UmociImages.EXPECTED;

    @TempDir
    Path temp;
    @TempDir
    Path work;

    Path layout;
    final FakeLayerFileSystem fs = new FakeLayerFileSystem();

    @BeforeAll
    static void needsUmociAndSkopeo() {
        Assumptions.assumeTrue(onPath("umoci") && onPath("skopeo"),
                "umoci and skopeo are not installed (apt-get install umoci skopeo)");
    }

    @BeforeEach
    void buildAnImageWithUmoci() throws IOException, InterruptedException {
        layout = UmociImages.layoutWithWhiteouts(temp);
    }

    @Test
    void anOciLayoutMadeByUmoci() throws IOException {
        Image image = new OciLayoutReader(layout).image("v1");
        assertEquals(List.of("/bin/sh"), image.config().cmd());
        assertTrue(image.config().env().contains("A=1"), image.config().env().toString());
        assertEquals("/etc", image.config().workingDir());
        assertEquals(3, image.layers().size());
        assertTrue(Fixtures.layerContents(image.layers().get(1)).containsKey("etc/.wh.motd"), "umoci repack wrote a whiteout");
        assertEquals(EXPECTED, stack(image));
    }

    @Test
    void aDockerArchiveMadeBySkopeo() throws IOException, InterruptedException {
        Path archive = temp.resolve("docker.tar");
        skopeo("copy", "oci:" + layout + ":v1", "docker-archive:" + archive + ":test/app:v1");
        Image fromLayout = new OciLayoutReader(layout).image("v1");
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals(List.of("docker.io/test/app:v1"), reader.names());
            Image image = reader.image("test/app:v1");
            assertEquals(fromLayout.config().diffIds(), image.config().diffIds());
            assertEquals(EXPECTED, stack(image));
        }
        assertNothingLeftIn(work);
    }

    @Test
    void anOciArchiveMadeBySkopeo() throws IOException, InterruptedException {
        Path archive = temp.resolve("oci.tar");
        skopeo("copy", "oci:" + layout + ":v1", "oci-archive:" + archive + ":v1");
        try (ImageArchive reader = ImageArchive.open(archive, work)) {
            Image image = reader.image("v1");
            assertEquals(new OciLayoutReader(layout).image("v1").id(), image.id());
            assertEquals(EXPECTED, stack(image));
        }
        assertNothingLeftIn(work);
    }

    @Test
    void zstdLayersMadeBySkopeo() throws IOException, InterruptedException {
        Path zstd = temp.resolve("zstd");
        skopeo("copy", "--dest-compress-format", "zstd", "oci:" + layout + ":v1", "oci:" + zstd + ":v1");
        Image image = new OciLayoutReader(zstd).image("v1");
        for (LayerSource layer : image.layers()) {
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.layer().mediaType());
        }
        assertEquals(EXPECTED, stack(image));
    }

    /** Unpack every layer for overlayfs (fake whiteouts) and stack them as overlayfs would. */
    private Map<String, String> stack(Image image) throws IOException {
        List<Path> topFirst = new ArrayList<>();
        LayerUnpacker unpacker = new LayerUnpacker(fs, new TarUnpacker().preservingOwners(false));
        for (LayerSource layer : image.layers()) {
            Path directory = temp.resolve("layers/" + image.id().shortHex() + "-" + layer.layer().number() + "-" + System.nanoTime());
            Files.createDirectories(directory.getParent());
            unpacker.unpack(layer, directory);
            topFirst.add(0, directory);
        }
        return SimulatedOverlay.merge(topFirst, fs);
    }

    private void skopeo(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy")); // local copies: no signatures
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        UmociImages.run(temp, command);
    }

    private static void assertNothingLeftIn(Path directory) throws IOException {
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
