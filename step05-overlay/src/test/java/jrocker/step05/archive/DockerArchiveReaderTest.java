package jrocker.step05.archive;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static jrocker.step03.testing.TarArchive.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.archive.DockerArchiveBuilder.Style;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.Json;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.NoSuchImageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DockerArchiveReaderTest {
    static final byte[] BASE = tar(directory("etc"), file("etc/motd", "hello\n"), file("etc/keep", "keep\n"));
    static final byte[] TOP = tar(directory("etc"), file("etc/.wh.motd", ""), directory("opt"), file("opt/.wh..wh..opq", ""));

    @TempDir
    Path temp;
    @TempDir
    Path work;

    @AfterEach
    void noExtractedFilesAreLeftInTheWorkDirectory() throws IOException {
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private Path archive(DockerArchiveBuilder builder) throws IOException {
        return builder.write(temp.resolve("image.tar"));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void readsTheImagesOfEveryArchiveStyle(Style style) throws IOException {
        Path archive = archive(new DockerArchiveBuilder(style).image("busybox:latest", BASE, TOP));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("the docker archive " + archive, reader.description());
            assertEquals(List.of("busybox:latest"), reader.names());
            Image image = reader.image("busybox:latest");
            assertEquals(List.of("busybox:latest"), image.names());
            assertEquals(List.of("/bin/sh"), image.config().cmd());
            assertEquals(Digest.sha256(image.configJson()), image.id());
            assertEquals(List.of(Map.of("etc/", "", "etc/motd", "hello\n", "etc/keep", "keep\n"),
                    Map.of("etc/", "", "etc/.wh.motd", "", "opt/", "", "opt/.wh..wh..opq", "")), Fixtures.layerContents(image));
            Layer first = image.layers().get(0).layer();
            assertEquals(new Layer(1, Digest.sha256(BASE), BASE.length, MediaTypes.OCI_LAYER, Compression.NONE,
                    Digest.sha256(BASE)), first);
            try (Stream<Path> extracted = Files.list(work)) {
                assertEquals(1, extracted.count(), "one private directory while the archive is open");
            }
        }
    }

    @Test
    void namesMatchLikeReferences() throws IOException {
        Path archive = archive(new DockerArchiveBuilder(Style.LEGACY)
                .image("docker.io/library/busybox:latest", BASE)
                .image("team/app:v1", BASE, TOP)
                .image(null, TOP));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals(List.of("docker.io/library/busybox:latest", "team/app:v1"), reader.names());
            assertEquals(1, reader.image("busybox").layers().size());
            assertEquals(2, reader.image("docker.io/team/app:v1").layers().size());
            assertEquals(3, reader.images().size(), "the untagged image is loaded too");
            assertEquals(List.of(), reader.images().get(2).names());
            assertEquals("the docker archive " + archive + " has no image named \"app:v1\" (it has:"
                    + " docker.io/library/busybox:latest, team/app:v1)",
                    assertThrows(NoSuchImageException.class, () -> reader.image("app:v1")).getMessage());
            assertEquals("the docker archive " + archive + " holds 3 images (names: docker.io/library/busybox:latest,"
                    + " team/app:v1): say which one", assertThrows(NoSuchImageException.class, () -> reader.image(null)).getMessage());
        }
    }

    @Test
    void compressedLayersAreRecognizedByTheirFirstBytes() throws IOException {
        byte[] gzipped = TarArchive.gzip(BASE);
        Path archive = archive(new DockerArchiveBuilder(Style.BLOBS).image(List.of("gz:1"), List.of(gzipped, Fixtures.ZSTD_TAR),
                List.of(Digest.sha256(BASE), Fixtures.ZSTD_TAR_DIFF_ID)));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            Image image = reader.image("gz:1");
            Layer gzip = image.layers().get(0).layer();
            assertEquals(new Layer(1, Digest.sha256(gzipped), gzipped.length, MediaTypes.OCI_LAYER_GZIP, Compression.GZIP,
                    Digest.sha256(BASE)), gzip);
            assertEquals(Compression.ZSTD, image.layers().get(1).layer().compression());
            assertEquals(List.of(Map.of("etc/", "", "etc/motd", "hello\n", "etc/keep", "keep\n"),
                    Map.of("etc/", "", "etc/hello", "hello from a zstd layer\n")), Fixtures.layerContents(image));
        }
    }

    @Test
    void aGzipCompressedArchiveIsReadToo() throws IOException {
        Path archive = temp.resolve("image.tar.gz");
        Files.write(archive, TarArchive.gzip(new DockerArchiveBuilder(Style.LEGACY).image("a:1", BASE).bytes()));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("hello\n", Fixtures.layerContents(reader.image("a:1").layers().get(0)).get("etc/motd"));
        }
    }

    @Test
    void aMissingLayerFileIsReported() throws IOException {
        byte[] complete = new DockerArchiveBuilder(Style.LEGACY).image("a:1", BASE, TOP).bytes();
        // the same archive without the second layer's file
        List<Member> members = new java.util.ArrayList<>();
        for (var member : readMembers(complete)) {
            if (!member.entry().name().endsWith("/layer.tar") || members.stream().noneMatch(m -> m.entry().name().endsWith("/layer.tar"))) {
                members.add(member);
            }
        }
        Path archive = temp.resolve("incomplete.tar");
        Files.write(archive, TarArchive.tar(members));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            MissingBlobException e = assertThrows(MissingBlobException.class, () -> reader.image("a:1"));
            assertTrue(e.getMessage().matches("[0-9a-f]{64}/layer\\.tar \\(layer 2\\) is missing from the docker archive "
                    + java.util.regex.Pattern.quote(archive.toString()) + " \\(manifest.json lists it\\): the archive is incomplete"),
                    e.getMessage());
        }
    }

    @Test
    void contentThatDoesNotMatchTheDigestInItsNameIsRejected() throws IOException {
        byte[] forged = BASE.clone();
        forged[1024] ^= 1; // the same size, another content
        String layerName = "blobs/sha256/" + Digest.sha256(BASE).hex();
        byte[] config = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE))).toJson();
        String configName = Digest.sha256(config).hex() + ".json";
        Path archive = temp.resolve("forged.tar");
        Files.write(archive, tar(Member.bytes(layerName, forged), Member.bytes(configName, config),
                manifestJson(configName, layerName)));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("layer 1 file " + layerName + " in the docker archive " + archive + " is corrupt: its content has"
                    + " digest " + Digest.sha256(forged) + ", not the " + Digest.sha256(BASE) + " its name says",
                    assertThrows(DigestMismatchException.class, () -> reader.image("a:1")).getMessage());
        }

        byte[] otherConfig = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(TOP))).toJson();
        Files.write(archive, tar(Member.bytes(layerName, BASE), Member.bytes(configName, otherConfig),
                manifestJson(configName, layerName)));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("config file " + configName + " in the docker archive " + archive + " is corrupt: its content has"
                    + " digest " + Digest.sha256(otherConfig) + ", not the " + Digest.sha256(config) + " its name says",
                    assertThrows(DigestMismatchException.class, () -> reader.image("a:1")).getMessage());
        }
    }

    private static Member manifestJson(String config, String... layers) {
        return Member.bytes("manifest.json", Json.write(List.of(Map.of(
                "Config", config, "RepoTags", List.of("a:1"), "Layers", List.of((Object[]) layers)))));
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsRejectedWhenRead() throws IOException {
        Path archive = archive(new DockerArchiveBuilder(Style.LEGACY).image(List.of("a:1"), List.of(BASE), List.of(Digest.sha256(TOP))));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            LayerSource layer = reader.image("a:1").layers().get(0);
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> Fixtures.layerContents(layer));
            assertEquals("layer 1 of the docker archive " + archive + " is corrupt: its uncompressed content has digest "
                    + Digest.sha256(BASE) + ", but the image config's rootfs.diff_ids says " + Digest.sha256(TOP), e.getMessage());
        }
    }

    @Test
    void layersAndDiffIdsMustAgree() throws IOException {
        Path archive = archive(new DockerArchiveBuilder(Style.LEGACY).image(List.of("a:1"), List.of(BASE, TOP), List.of(Digest.sha256(BASE))));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("image 1 in manifest.json of the docker archive " + archive + " lists 2 layers, but its config"
                    + " lists 1 diff_ids: the image is inconsistent",
                    assertThrows(ImageFormatException.class, () -> reader.image("a:1")).getMessage());
        }
    }

    @Test
    void manifestJsonMustBeThereAndValid() throws IOException {
        Path noManifest = temp.resolve("no-manifest.tar");
        Files.write(noManifest, tar(file("hello.txt", "hi")));
        assertEquals("the docker archive " + noManifest + " has no manifest.json: it is not a docker save archive",
                assertThrows(ImageFormatException.class, () -> DockerArchiveReader.open(noManifest, work)).getMessage());

        Path corrupt = temp.resolve("corrupt.tar");
        Files.write(corrupt, tar(file("manifest.json", "[{\"Config\":\"x.json\",}]")));
        assertEquals("corrupt JSON in manifest.json of the docker archive " + corrupt
                        + ": Unexpected character ('}' (code 125)): was expecting double-quote to start field name (at line 1, column 22)",
                assertThrows(ImageFormatException.class, () -> DockerArchiveReader.open(corrupt, work)).getMessage());

        Path noLayers = temp.resolve("no-layers.tar");
        Files.write(noLayers, tar(file("manifest.json", "[{\"Config\":\"x.json\"}]")));
        assertEquals("manifest.json of the docker archive " + noLayers + ": \"0.Layers\" is missing",
                assertThrows(ImageFormatException.class, () -> DockerArchiveReader.open(noLayers, work)).getMessage());
    }

    @Test
    void namesThatClimbOutOfTheArchiveAreRefused() throws IOException {
        Path archive = temp.resolve("evil.tar");
        Files.write(archive, tar(file("../../etc/cron.d/evil", "* * * * * root sh")));
        assertEquals("the docker archive " + archive + " has an entry named ../../etc/cron.d/evil, which points outside"
                + " the archive: it is not an image archive (or it is an attack)",
                assertThrows(ImageFormatException.class, () -> DockerArchiveReader.open(archive, work)).getMessage());
        assertTrue(Files.notExists(temp.resolve("etc")));
    }

    @Test
    void aSymlinkToAHostFileIsNeverFollowed() throws IOException {
        Path secret = temp.resolve("secret");
        Files.write(secret, BASE); // even a host file with the right content is not used
        byte[] config = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE))).toJson();
        Path archive = temp.resolve("evil.tar");
        for (String target : List.of(secret.toString(), "../../../../../../../.." + secret)) {
            Files.write(archive, tar(Member.bytes("c.json", config), Member.symlink("evil/layer.tar", target),
                    manifestJson("c.json", "evil/layer.tar")));
            try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
                assertEquals("evil/layer.tar (layer 1) is missing from the docker archive " + archive
                        + " (manifest.json lists it): the archive is incomplete",
                        assertThrows(MissingBlobException.class, () -> reader.image("a:1")).getMessage(), target);
            }
        }
    }

    @Test
    void linksAreFollowedInsideTheArchiveOnly() throws IOException {
        byte[] config = ImageConfig.of(OciLayoutBuilder.AMD64, List.of(Digest.sha256(BASE))).toJson();
        Path archive = temp.resolve("links.tar");
        Files.write(archive, tar(Member.bytes("layers/real.tar", BASE), Member.bytes("c.json", config),
                Member.symlink("a/layer.tar", "../layers/./real.tar"),
                new Member(jrocker.step03.tar.TarEntry.hardlink("b/layer.tar", "a/layer.tar"), new byte[0]),
                Member.symlink("loop1", "loop2"), Member.symlink("loop2", "loop1"),
                manifestJson("c.json", "b/layer.tar")));
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, work)) {
            assertEquals("hello\n", Fixtures.layerContents(reader.image("a:1").layers().get(0)).get("etc/motd"));
        }
        try (ExtractedTar files = ExtractedTar.extract(archive, work, "x")) {
            assertEquals(BASE.length, files.size("/b/layer.tar"));
            assertEquals(-1, files.size("loop1"), "a symlink loop is a missing file, not a hang");
        }
    }

    @Test
    void theWorkDirectoryMustExistAndIsLeftEmptyAfterAFailure() throws IOException {
        Path archive = archive(new DockerArchiveBuilder(Style.LEGACY).image("a:1", BASE));
        assertThrows(IOException.class, () -> DockerArchiveReader.open(archive, work.resolve("missing")));
        Path truncated = temp.resolve("truncated.tar");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(jrocker.step03.tar.TarFormatException.class, () -> DockerArchiveReader.open(truncated, work));
        // @AfterEach checks that the half-extracted files are gone
    }

    private static List<Member> readMembers(byte[] tar) throws IOException {
        List<Member> members = new java.util.ArrayList<>();
        try (var reader = new jrocker.step03.tar.TarReader(new java.io.ByteArrayInputStream(tar))) {
            for (var entry = reader.next(); entry != null; entry = reader.next()) {
                members.add(new Member(entry, reader.content().readAllBytes()));
            }
        }
        return members;
    }
}
