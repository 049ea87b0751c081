package jrocker.step05.cli;

import static jrocker.step05.store.StoreFixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step03.testing.BusyboxTar;
import jrocker.step05.Main;
import jrocker.step05.layer.LinuxLayerFileSystem;
import jrocker.step05.store.StoreFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image commands as a user runs them: the packaged CLI, real busybox, images built by umoci and
 * converted by skopeo, layers with real overlayfs whiteouts (device nodes and trusted.* xattrs: root).
 */
class ImageCommandsIT {
    @TempDir
    Path temp;
    Path data;
    CliProcess jrocker;

    @BeforeEach
    void setUp() {
        Privileges.requireRoot("unpacking layers with whiteouts makes device nodes and trusted.* xattrs",
                Assumptions::abort);
        data = temp.resolve("data");
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", data.toString());
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result result = jrocker.run(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void importsTheBusyboxTarAndRemovesIt() throws Exception {
        Path tar = BusyboxTar.write(temp.resolve("busybox.tar"));
        String id = ok("import", tar.toString(), "busybox").stdout().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);

        String images = ok("images").stdout();
        assertTrue(images.lines().anyMatch(line -> line.matches("busybox +latest +" + id.substring(7, 19) + " .*MB")), images);
        String inspect = ok("image", "inspect", "busybox").stdout();
        assertTrue(inspect.contains("\"Cmd\": [\n                \"sh\"\n            ]"), inspect);
        List<String> layers = list(data.resolve("layers"));
        assertEquals(1, layers.size());
        assertTrue(Files.isRegularFile(data.resolve("layers").resolve(layers.get(0)).resolve("bin/busybox")));

        assertEquals("Untagged: busybox:latest\nDeleted: " + id + "\n", ok("rmi", "busybox").stdout());
        assertEquals(List.of(), list(data.resolve("layers")));
        assertEquals(List.of(), list(data.resolve("images")));
    }

    /** An OCI layout made by umoci: a base layer, then one that deletes etc/motd and replaces data/. */
    private Path umociLayout() throws Exception {
        assumeTool("umoci");
        Map<String, String> base = new LinkedHashMap<>();
        base.put("etc/motd", "hello");
        base.put("etc/hostname", "box");
        base.put("data/old.txt", "old");
        Map<String, String> change = new LinkedHashMap<>();
        change.put("etc/.wh.motd", "");
        change.put("data/.wh..wh..opq", "");
        change.put("data/new.txt", "new");
        Path baseTar = Files.write(temp.resolve("base.tar"), StoreFixtures.tar(base));
        Path changeTar = Files.write(temp.resolve("change.tar"), StoreFixtures.tar(change));
        Path layout = temp.resolve("oci");
        String image = layout + ":v1";
        run("umoci", "init", "--layout", layout.toString());
        run("umoci", "new", "--image", image);
        run("umoci", "raw", "add-layer", "--image", image, baseTar.toString());
        run("umoci", "raw", "add-layer", "--image", image, changeTar.toString());
        run("umoci", "config", "--image", image, "--config.cmd", "sh");
        return layout;
    }

    @Test
    void loadsUmociAndSkopeoImagesWithOverlayWhiteouts() throws Exception {
        Path layout = umociLayout();
        assumeTool("skopeo");
        Path dockerArchive = temp.resolve("app.tar");
        run("skopeo", "copy", "oci:" + layout + ":v1", "docker-archive:" + dockerArchive + ":test/app:v2");

        String loadedLayout = ok("load", "-i", layout.toString()).stdout();
        assertTrue(loadedLayout.matches("Loaded image ID: sha256:[0-9a-f]{64}\n"), "umoci's ref.name v1 is only a tag: "
                + loadedLayout);
        String id = loadedLayout.strip().substring("Loaded image ID: ".length());
        assertEquals("Loaded image: test/app:v2\n", ok("load", "-i", dockerArchive.toString()).stdout());
        assertTrue(ok("image", "inspect", "test/app:v2").stdout().contains("\"Id\": \"" + id + "\""),
                "skopeo kept the config bytes, so it is the same image");

        List<String> layers = list(data.resolve("layers"));
        assertEquals(2, layers.size(), "the second load found both layers there already");
        LinuxLayerFileSystem overlay = new LinuxLayerFileSystem();
        Path top = layers.stream().map(data.resolve("layers")::resolve)
                .filter(layer -> Files.exists(layer.resolve("data/new.txt"))).findFirst().orElseThrow();
        Path bottom = layers.stream().map(data.resolve("layers")::resolve).filter(layer -> !layer.equals(top))
                .findFirst().orElseThrow();
        assertTrue(overlay.isWhiteout(top.resolve("etc/motd")), "etc/.wh.motd became a 0/0 device");
        assertTrue(overlay.isOpaque(top.resolve("data")), "data/.wh..wh..opq became trusted.overlay.opaque=y");
        assertFalse(Files.exists(top.resolve("etc/.wh.motd"), LinkOption.NOFOLLOW_LINKS), "no marker files left");
        assertEquals("hello", Files.readString(bottom.resolve("etc/motd")));
        assertFalse(overlay.isOpaque(bottom.resolve("data")));
        assertEquals(List.of(), list(data.resolve("tmp")));
    }

    @Test
    void aLoadedImageRunsWithItsLayersMergedAndItsWhiteoutsApplied() throws Exception {
        assumeTool("umoci");
        assumeTool("skopeo");
        String image = LayeredBusybox.build(temp);
        Path archive = temp.resolve("layered.tar");
        run("skopeo", "copy", "oci:" + image, "docker-archive:" + archive + ":test/layered:v1");

        assertEquals("Loaded image: test/layered:v1\n", ok("load", "-i", archive.toString()).stdout());
        // With a COMMAND, it follows the Entrypoint (sh -c), as in docker.
        String seen = ok("run", "--rm", "test/layered:v1", "ls /etc/motd 2>&1; ls /data").stdout();

        assertEquals("ls: /etc/motd: No such file or directory\nnew.txt\n", seen,
                "the upper layer deleted etc/motd and replaced data/ (opaque): old.txt is gone");
        assertEquals("hello from /data\n", ok("run", "--rm", "test/layered:v1").stdout(),
                "Entrypoint + Cmd, Env and WorkingDir of the image's config are honoured");
    }

    @Test
    void loadsAnOciArchiveAndRmiKeepsImagesInUse() throws Exception {
        Path layout = umociLayout();
        assumeTool("skopeo");
        Path ociArchive = temp.resolve("app-oci.tar");
        run("skopeo", "copy", "oci:" + layout + ":v1", "oci-archive:" + ociArchive + ":docker.io/test/app:v3");
        assertEquals("Loaded image: test/app:v3\n", ok("load", "-i", ociArchive.toString()).stdout());
        String id = ok("images", "-q").stdout().strip();

        Path container = Files.createDirectories(data.resolve("containers/0123456789abcdef"));
        Files.writeString(container.resolve("image"), ok("image", "inspect", id).stdout()
                .lines().filter(line -> line.contains("\"Id\"")).findFirst().orElseThrow().replaceAll(".*\"(sha256:[0-9a-f]+)\".*", "$1"));
        CliProcess.Result refused = jrocker.run("rmi", "test/app:v3");
        assertEquals(1, refused.exitCode(), "docker's code for an image it cannot remove: " + refused);
        assertEquals("jrocker: image test/app:v3 is used by container 0123456789ab: remove the container first,"
                + " or use rmi -f\n", refused.stderr());

        Files.delete(container.resolve("image"));
        assertTrue(ok("rmi", "test/app:v3").stdout().contains("Deleted: sha256:"));
        assertEquals(List.of(), list(data.resolve("layers")), "no other image used the layers");
    }

    @Test
    void aTruncatedArchiveLeavesNothingRegisteredAndNothingInTmp() throws Exception {
        Path layout = umociLayout();
        assumeTool("skopeo");
        Path dockerArchive = temp.resolve("app.tar");
        run("skopeo", "copy", "oci:" + layout + ":v1", "docker-archive:" + dockerArchive + ":test/app:v2");
        byte[] whole = Files.readAllBytes(dockerArchive);
        Path truncated = Files.write(temp.resolve("truncated.tar"), Arrays.copyOf(whole, whole.length / 2));

        CliProcess.Result result = jrocker.run("load", "-i", truncated.toString());

        assertEquals(125, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jrocker: ") && result.stderr().lines().count() == 1, result.stderr());
        assertEquals("", result.stdout());
        for (String directory : List.of("images", "layers", "tmp")) {
            assertEquals(List.of(), list(data.resolve(directory)), directory);
        }
        assertEquals("REPOSITORY   TAG   IMAGE ID   CREATED   SIZE\n", ok("images").stdout());
    }

    private static void assumeTool(String tool) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed");
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    }
}
