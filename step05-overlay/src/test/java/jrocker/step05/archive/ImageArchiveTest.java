package jrocker.step05.archive;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static jrocker.step03.testing.TarArchive.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step05.blob.Compression;
import jrocker.step05.image.ImageFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {
    static final byte[] LAYER = tar(directory("bin"), file("bin/hello", "#!/bin/sh\necho hello\n"));

    @TempDir
    Path temp;
    @TempDir
    Path work;

    @AfterEach
    void theWorkDirectoryIsEmptyAgain() throws IOException {
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aDirectoryWithAnOciLayoutFileIsAnOciLayout() throws IOException {
        Path layout = temp.resolve("layout");
        OciLayoutBuilder builder = new OciLayoutBuilder(layout);
        builder.index(OciLayoutBuilder.named(builder.image(Compression.GZIP, LAYER), "v1"));
        try (ImageArchive archive = ImageArchive.open(layout, work)) {
            assertInstanceOf(OciLayoutReader.class, archive);
            assertEquals("the OCI layout " + layout, archive.description());
            assertEquals(List.of("v1"), archive.names());
            assertEquals(1, archive.images().size());
        }
    }

    @Test
    void aTarOfAnOciLayoutIsReadAsOne() throws IOException {
        Path layout = temp.resolve("layout");
        OciLayoutBuilder builder = new OciLayoutBuilder(layout);
        builder.index(OciLayoutBuilder.named(builder.image(Compression.GZIP, LAYER), "v1"));
        Path tar = DockerArchiveBuilder.tarDirectory(layout, temp.resolve("oci.tar"));
        try (ImageArchive archive = ImageArchive.open(tar, work)) {
            assertEquals("the OCI archive " + tar, archive.description());
            Image image = archive.image("v1");
            assertEquals("#!/bin/sh\necho hello\n", Fixtures.layerContents(image.layers().get(0)).get("bin/hello"));
        }
    }

    @Test
    void aTarWithManifestJsonIsADockerArchive() throws IOException {
        Path tar = new DockerArchiveBuilder(DockerArchiveBuilder.Style.LEGACY).image("hello:1", LAYER).write(temp.resolve("d.tar"));
        try (ImageArchive archive = ImageArchive.open(tar, work)) {
            assertInstanceOf(DockerArchiveReader.class, archive);
            assertEquals("the docker archive " + tar, archive.description());
            assertEquals(List.of("hello:1"), archive.names());
        }
    }

    @Test
    void anythingElseIsRefusedWithAReason() throws IOException {
        Path plain = temp.resolve("rootfs.tar");
        Files.write(plain, tar(file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")));
        assertEquals(plain + " is neither a docker save archive (no manifest.json) nor an OCI image layout in a tar"
                + " (no oci-layout)", assertThrows(ImageFormatException.class, () -> ImageArchive.open(plain, work)).getMessage());
        assertEquals(temp + " is a directory but not an OCI image layout: it has no oci-layout file",
                assertThrows(ImageFormatException.class, () -> ImageArchive.open(temp, work)).getMessage());
        assertEquals("no such image archive: " + temp.resolve("nothing"),
                assertThrows(ImageFormatException.class, () -> ImageArchive.open(temp.resolve("nothing"), work)).getMessage());
    }
}
