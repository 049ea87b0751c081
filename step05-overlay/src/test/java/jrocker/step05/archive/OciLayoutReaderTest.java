package jrocker.step05.archive;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static jrocker.step03.testing.TarArchive.tar;
import static jrocker.step05.archive.Fixtures.utf8;
import static jrocker.step05.archive.OciLayoutBuilder.named;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.blob.LayerStream;
import jrocker.step05.blob.VerifyingInputStream;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageException;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageIndex;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.NoSuchImageException;
import jrocker.step05.image.Platform;
import jrocker.step05.image.UnsupportedMediaTypeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutReaderTest {
    static final byte[] BASE = tar(directory("etc"), file("etc/motd", "hello\n"), file("etc/keep", "keep\n"));
    static final byte[] DELETE_MOTD = tar(directory("etc"), file("etc/.wh.motd", ""));

    @TempDir
    Path dir;

    private OciLayoutBuilder layout() {
        return new OciLayoutBuilder(dir);
    }

    /** Name the image v1 in the index; its manifest as the layout stores it. */
    private static Manifest indexedAsV1(OciLayoutBuilder layout, Descriptor manifest) throws IOException {
        layout.index(named(manifest, "v1"));
        return Manifest.parse(Files.readAllBytes(layout.blobPath(manifest.digest())), "m");
    }

    private String where() {
        return "the OCI layout " + dir;
    }

    @Test
    void readsAnImageWithAGzipLayerAndAPlainLayer() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor base = layout.layer(BASE, Compression.GZIP);
        Descriptor top = layout.layer(DELETE_MOTD, Compression.NONE);
        ImageConfig config = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE), Digest.sha256(DELETE_MOTD)))
                .withEntrypoint(List.of("/bin/sh", "-c")).withCmd(List.of("echo hi")).withEnv(List.of("PATH=/bin"))
                .withWorkingDir("/etc").withUser("1000:1000");
        Descriptor manifest = layout.image(config, List.of(base, top));
        layout.index(named(manifest, "v1"));

        OciLayoutReader reader = new OciLayoutReader(dir);
        assertEquals(List.of("v1"), reader.names());
        Image image = reader.image("v1");
        assertEquals(List.of("v1"), image.names());
        assertEquals(Digest.sha256(config.toJson()), image.id());
        assertArrayEquals(config.toJson(), image.configJson());
        assertEquals(List.of("/bin/sh", "-c"), image.config().entrypoint());
        assertEquals(List.of("echo hi"), image.config().cmd());
        assertEquals(List.of("PATH=/bin"), image.config().env());
        assertEquals("/etc", image.config().workingDir());
        assertEquals("1000:1000", image.config().user());

        Layer first = image.layers().get(0).layer();
        assertEquals(new Layer(1, base.digest(), base.size(), MediaTypes.OCI_LAYER_GZIP, Compression.GZIP, Digest.sha256(BASE)), first);
        assertEquals(Compression.NONE, image.layers().get(1).layer().compression());
        assertEquals(List.of(Map.of("etc/", "", "etc/motd", "hello\n", "etc/keep", "keep\n"),
                Map.of("etc/", "", "etc/.wh.motd", "")), Fixtures.layerContents(image));
        assertEquals(image.id(), reader.image(null).id(), "the only image is found without a name");
        assertEquals(manifest.digest(), Digest.sha256(image.manifest().toJson()), "the manifest can be rebuilt exactly");
    }

    @Test
    void theStoredBlobIsVerifiedToo() throws IOException {
        OciLayoutBuilder layout = layout();
        layout.index(named(layout.image(Compression.GZIP, BASE), "v1"));
        LayerSource layer = new OciLayoutReader(dir).image("v1").layers().get(0);
        try (VerifyingInputStream blob = layer.openBlob()) {
            assertArrayEquals(Files.readAllBytes(layout.blobPath(layer.layer().digest())), blob.readAllBytes());
            assertTrue(blob.isVerified());
        }
    }

    @Test
    void choosesAnImageByItsRefNameAndListsTheNamesWhenItCannot() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor one = layout.image(Compression.GZIP, BASE);
        Descriptor two = layout.image(Compression.NONE, BASE, DELETE_MOTD);
        layout.index(named(one, "1.0"), named(two, "latest"), named(two, "2.0"));
        OciLayoutReader reader = new OciLayoutReader(dir);

        assertEquals(List.of("1.0", "latest", "2.0"), reader.names());
        assertEquals(1, reader.image("1.0").layers().size());
        Image latest = reader.image("latest");
        assertEquals(2, latest.layers().size());
        assertEquals(List.of("latest", "2.0"), latest.names(), "one manifest listed twice is one image with two names");
        assertEquals(2, reader.images().size());

        assertEquals(where() + " has no image named \"3.0\" (it has: 1.0, latest, 2.0)",
                assertThrows(NoSuchImageException.class, () -> reader.image("3.0")).getMessage());
        assertEquals(where() + " holds 2 images (names: 1.0, latest, 2.0): say which one",
                assertThrows(NoSuchImageException.class, () -> reader.image(null)).getMessage());
    }

    @Test
    void fullReferencesInRefNamesMatchTheirShortForms() throws IOException {
        OciLayoutBuilder layout = layout();
        layout.index(named(layout.image(Compression.GZIP, BASE), "docker.io/library/busybox:1.36"));
        OciLayoutReader reader = new OciLayoutReader(dir);
        assertEquals(1, reader.image("busybox:1.36").layers().size());
        assertThrows(NoSuchImageException.class, () -> reader.image("busybox"));
    }

    @Test
    void anEmptyLayoutHoldsNoImage() throws IOException {
        layout().index();
        assertEquals(where() + " holds no image: its index.json lists no manifests",
                assertThrows(NoSuchImageException.class, () -> new OciLayoutReader(dir).image(null)).getMessage());
    }

    @Test
    void aMultiPlatformIndexGivesTheImageOfTheWantedPlatform() throws IOException {
        OciLayoutBuilder layout = layout();
        Platform arm64 = new Platform("linux", "arm64", "v8");
        Descriptor amd = OciLayoutBuilder.forPlatform(layout.image(Compression.GZIP, BASE), OciLayoutBuilder.AMD64);
        Descriptor arm = OciLayoutBuilder.forPlatform(layout.image(Compression.GZIP, BASE, DELETE_MOTD), arm64);
        Descriptor attestation = OciLayoutBuilder.forPlatform(layout.image(Compression.NONE, DELETE_MOTD),
                new Platform("unknown", "unknown", null));
        Descriptor index = layout.indexBlob(attestation, amd, arm);
        layout.index(named(index, "multi"));

        OciLayoutReader reader = new OciLayoutReader(dir);
        assertEquals(1, reader.forPlatform(OciLayoutBuilder.AMD64).image("multi").layers().size());
        assertEquals(2, reader.forPlatform(Platform.parse("linux/arm64")).image("multi").layers().size());
        assertEquals("the image index " + index.digest() + " in " + where() + " has no image for linux/s390x"
                        + " (it has: unknown/unknown, linux/amd64, linux/arm64/v8)",
                assertThrows(NoSuchImageException.class,
                        () -> reader.forPlatform(Platform.parse("linux/s390x")).image("multi")).getMessage());
    }

    @Test
    void indexesNestOnlySoDeep() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor current = layout.image(Compression.GZIP, BASE);
        for (int i = 0; i < OciLayoutReader.MAX_INDEX_DEPTH; i++) {
            current = layout.indexBlob(current);
        }
        layout.index(named(layout.indexBlob(current), "deep"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> new OciLayoutReader(dir).image("deep"));
        assertTrue(e.getMessage().startsWith(where() + " nests image indexes more than 4 deep"), e.getMessage());

        layout.index(named(current, "deep enough"));
        assertEquals(1, new OciLayoutReader(dir).image("deep enough").layers().size());
    }

    @Test
    void aMissingLayerBlobIsReportedWithItsLayerAndManifest() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor manifest = layout.image(Compression.GZIP, BASE, DELETE_MOTD);
        Digest second = indexedAsV1(layout, manifest).layers().get(1).digest();
        Files.delete(layout.blobPath(second));
        assertEquals("blob " + second + " of layer 2 is missing from " + where() + " (manifest " + manifest.digest()
                        + " lists it): the layout is incomplete",
                assertThrows(MissingBlobException.class, () -> new OciLayoutReader(dir).image("v1")).getMessage());
    }

    @Test
    void missingConfigAndManifestBlobsAreReported() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor manifest = layout.image(Compression.GZIP, BASE);
        Digest config = indexedAsV1(layout, manifest).config().digest();
        Files.delete(layout.blobPath(config));
        assertEquals("blob " + config + " of the config is missing from " + where() + " (manifest " + manifest.digest()
                + " lists it): the layout is incomplete", message(MissingBlobException.class));
        Files.delete(layout.blobPath(manifest.digest()));
        assertEquals("blob " + manifest.digest() + " of the manifest is missing from " + where()
                + " (index.json lists it): the layout is incomplete", message(MissingBlobException.class));
    }

    @Test
    void aLayerBlobOfTheWrongSizeFailsBeforeReading() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor manifest = layout.image(Compression.GZIP, BASE);
        Descriptor layer = indexedAsV1(layout, manifest).layers().get(0);
        Files.write(layout.blobPath(layer.digest()), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals("blob " + layer.digest() + " of layer 1 in " + where() + " is " + (layer.size() + 1)
                + " bytes, but its descriptor says " + layer.size() + ": the blob is corrupt or truncated",
                message(DigestMismatchException.class));
    }

    @Test
    void aCorruptLayerBlobFailsWhenItHasBeenRead() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor manifest = layout.image(Compression.NONE, BASE);
        Descriptor layer = indexedAsV1(layout, manifest).layers().get(0);
        byte[] changed = BASE.clone();
        changed[1024] ^= 1; // a byte of etc/motd's content: still a valid tar of the same size
        Files.write(layout.blobPath(layer.digest()), changed);

        LayerSource source = new OciLayoutReader(dir).image("v1").layers().get(0);
        try (LayerStream stream = source.openUncompressed()) {
            Fixtures.contents(stream); // the tar itself reads fine...
            DigestMismatchException e = assertThrows(DigestMismatchException.class, stream::finish); // ...but is not the layer
            assertEquals("blob " + layer.digest() + " of layer 1 in " + where() + " is corrupt: its content has digest "
                    + Digest.sha256(changed) + ", not " + layer.digest(), e.getMessage());
        }
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsRejected() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor layer = layout.layer(BASE, Compression.GZIP);
        Digest wrongDiffId = Digest.sha256(DELETE_MOTD);
        layout.index(named(layout.image(ImageConfig.of(OciLayoutBuilder.AMD64, List.of(wrongDiffId)), List.of(layer)), "v1"));
        LayerSource source = new OciLayoutReader(dir).image("v1").layers().get(0);
        try (LayerStream stream = source.openUncompressed()) {
            assertEquals("layer 1 of " + where() + " is corrupt: its uncompressed content has digest " + Digest.sha256(BASE)
                    + ", but the image config's rootfs.diff_ids says " + wrongDiffId,
                    assertThrows(DigestMismatchException.class, stream::finish).getMessage());
        }
        try (InputStream stream = source.openUncompressed()) {
            assertThrows(DigestMismatchException.class, stream::readAllBytes, "reading to the end checks too");
        }
    }

    @Test
    void unknownMediaTypesAreRefused() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor layer = layout.blob("application/vnd.example.layer.v1.tar+lz4", BASE);
        Descriptor config = layout.blob(MediaTypes.OCI_CONFIG,
                ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE))).toJson());
        layout.index(named(layout.blob(MediaTypes.OCI_MANIFEST,
                new Manifest(MediaTypes.OCI_MANIFEST, config, List.of(layer), Map.of()).toJson()), "v1"));
        assertEquals("layer 1 of " + where() + " has media type application/vnd.example.layer.v1.tar+lz4, which jrocker"
                + " cannot unpack (it reads tar, tar+gzip and tar+zstd layers)", message(UnsupportedMediaTypeException.class));

        Descriptor helmConfig = layout.blob("application/vnd.cncf.helm.config.v1+json", utf8("{}"));
        Descriptor chart = layout.blob(MediaTypes.OCI_MANIFEST,
                new Manifest(MediaTypes.OCI_MANIFEST, helmConfig, List.of(), Map.of()).toJson());
        layout.index(named(chart, "v1"));
        assertEquals("manifest " + chart.digest() + " of " + where() + " has a config of media type"
                + " application/vnd.cncf.helm.config.v1+json: it is not a container image (an OCI artifact?)",
                message(UnsupportedMediaTypeException.class));

        Descriptor signature = layout.blob("application/vnd.example.signature", utf8("sig"));
        layout.index(named(signature, "v1"));
        assertEquals("index.json of " + where() + " lists " + signature.digest() + " with media type"
                + " application/vnd.example.signature, which is not an image manifest or index: it is not a container"
                + " image (or not one jrocker reads)", message(UnsupportedMediaTypeException.class));
    }

    @Test
    void dockerMediaTypesAreReadLikeTheirOciTwins() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor layer = layout.blob(MediaTypes.DOCKER_LAYER_GZIP, TarArchive.gzip(BASE));
        Descriptor config = layout.blob(MediaTypes.DOCKER_CONFIG, Fixtures.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"Cmd\":[\"sh\"],\"Entrypoint\":null},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.sha256(BASE) + "\"]}}"));
        Descriptor manifest = layout.blob(MediaTypes.DOCKER_MANIFEST,
                new Manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(layer), Map.of()).toJson());
        Descriptor list = layout.blob(MediaTypes.DOCKER_MANIFEST_LIST, new ImageIndex(MediaTypes.DOCKER_MANIFEST_LIST,
                List.of(OciLayoutBuilder.forPlatform(manifest, OciLayoutBuilder.AMD64)), Map.of()).toJson());
        layout.index(named(list, "docker"));
        Image image = new OciLayoutReader(dir).forPlatform(OciLayoutBuilder.AMD64).image("docker");
        assertEquals(List.of("sh"), image.config().cmd());
        assertEquals(List.of(), image.config().entrypoint());
        assertEquals(Compression.GZIP, image.layers().get(0).layer().compression());
        assertEquals("hello\n", Fixtures.layerContents(image.layers().get(0)).get("etc/motd"));
    }

    @Test
    void aZstdLayerIsRead() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor layer = layout.blob(MediaTypes.OCI_LAYER_ZSTD, Fixtures.ZSTD_TAR);
        layout.index(named(layout.image(ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Fixtures.ZSTD_TAR_DIFF_ID)),
                List.of(layer)), "zstd"));
        Image image = new OciLayoutReader(dir).image("zstd");
        assertEquals(Compression.ZSTD, image.layers().get(0).layer().compression());
        assertEquals(Map.of("etc/", "", "etc/hello", "hello from a zstd layer\n"), Fixtures.layerContents(image.layers().get(0)));
    }

    @Test
    void corruptJsonIsReportedWithTheFileAndOffset() throws IOException {
        layout();
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[}");
        assertEquals("corrupt JSON in index.json of " + where() + ": Unexpected close marker '}': expected ']' (for Array"
                        + " starting at line 1, column 32) (at line 1, column 34)",
                message(ImageFormatException.class));

        OciLayoutBuilder layout = layout();
        Descriptor garbage = layout.blob(MediaTypes.OCI_MANIFEST, utf8("{\"schemaVersion\":2,,}"));
        layout.index(named(garbage, "v1"));
        assertEquals("corrupt JSON in manifest " + garbage.digest() + " of " + where()
                + ": Unexpected character (',' (code 44)): was expecting double-quote to start field name (at line 1, column 21)",
                message(ImageFormatException.class));
    }

    @Test
    void wrongFieldsAreReportedByName() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor manifest = layout.blob(MediaTypes.OCI_MANIFEST, utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":2},\"layers\":\"none\"}"));
        layout.index(named(manifest, "v1"));
        assertEquals("manifest " + manifest.digest() + " of " + where() + ": \"layers\" must be an array, not a string",
                message(ImageFormatException.class));

        Descriptor badDigest = layout.blob(MediaTypes.OCI_MANIFEST, utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"sha256:abc\",\"size\":2},\"layers\":[]}"));
        layout.index(named(badDigest, "v1"));
        assertEquals("manifest " + badDigest.digest() + " of " + where() + ": \"config.digest\" is not a usable digest:"
                + " invalid digest \"sha256:abc\": expected sha256:<64 lowercase hex digits>", message(ImageFormatException.class));

        Descriptor schema1 = layout.blob(MediaTypes.OCI_MANIFEST, utf8("{\"schemaVersion\":1,\"fsLayers\":[]}"));
        layout.index(named(schema1, "v1"));
        assertEquals("manifest " + schema1.digest() + " of " + where() + " is a Docker schema 1 manifest, which jrocker"
                + " does not read: convert the image, e.g. skopeo copy --format oci SRC DEST", message(UnsupportedMediaTypeException.class));
    }

    @Test
    void layersAndDiffIdsMustAgree() throws IOException {
        OciLayoutBuilder layout = layout();
        Descriptor layer = layout.layer(BASE, Compression.GZIP);
        ImageConfig twoDiffIds = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE), Digest.sha256(BASE)));
        Descriptor manifest = layout.image(twoDiffIds, List.of(layer));
        layout.index(named(manifest, "v1"));
        assertEquals("manifest " + manifest.digest() + " of " + where() + " lists 1 layers, but its config "
                + Digest.sha256(twoDiffIds.toJson()) + " lists 2 diff_ids: the image is inconsistent",
                message(ImageFormatException.class));
    }

    @Test
    void theLayoutFileIsChecked() throws IOException {
        layout().index();
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
        assertEquals(where() + " has imageLayoutVersion 2.0.0, but jrocker reads version 1.x layouts", message(ImageFormatException.class));
        Files.delete(dir.resolve("oci-layout"));
        assertEquals(where() + " has no oci-layout file: it is not an OCI image layout", message(ImageFormatException.class));
        layout();
        Files.delete(dir.resolve("index.json"));
        assertEquals(where() + " has no index.json: the layout is incomplete", message(ImageFormatException.class));
    }

    private String message(Class<? extends ImageException> type) {
        return assertThrows(type, () -> new OciLayoutReader(dir).image("v1")).getMessage();
    }
}
