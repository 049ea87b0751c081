package jrocker.step05.archive;

import static jrocker.step03.testing.TarArchive.Member.directory;
import static jrocker.step03.testing.TarArchive.Member.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jrocker.step03.testing.TarArchive;

/**
 * Images made by umoci, a real tool, not by our own writer: a base layer, a layer from {@code umoci repack}
 * that deletes a file (a whiteout), a layer with an opaque directory; Cmd, Env and WorkingDir set.
 */
public final class UmociImages {
    /** The image's file system, as the OCI rules define it. */
    public static final Map<String, String> EXPECTED = Map.of("etc", "dir", "etc/keep", "file:keep\n", "etc/new",
            "file:new\n", "opt", "dir", "opt/new", "file:replaced\n");

    private UmociImages() {
    }

    /** An OCI layout {@code temp/layout} with the image tagged {@code v1}. */
    public static Path layoutWithWhiteouts(Path temp) throws IOException, InterruptedException {
        Path layout = temp.resolve("layout");
        run(temp, "umoci", "init", "--layout", layout.toString());
        run(temp, "umoci", "new", "--image", layout + ":v1");

        Path base = Files.write(temp.resolve("base.tar"), TarArchive.tar(directory("etc"), file("etc/motd", "hello\n"),
                file("etc/keep", "keep\n"), directory("opt"), file("opt/old", "old\n"), directory("opt/sub"), file("opt/sub/x", "x\n")));
        run(temp, "umoci", "raw", "add-layer", "--image", layout + ":v1", base.toString());
        run(temp, "umoci", "config", "--image", layout + ":v1", "--config.cmd", "/bin/sh", "--config.env", "A=1",
                "--config.workingdir", "/etc");

        // umoci repack computes the layer from what changed in the unpacked bundle: a whiteout for etc/motd
        Path bundle = temp.resolve("bundle");
        run(temp, "umoci", "unpack", "--rootless", "--image", layout + ":v1", bundle.toString());
        Files.delete(bundle.resolve("rootfs/etc/motd"));
        Files.writeString(bundle.resolve("rootfs/etc/new"), "new\n");
        run(temp, "umoci", "repack", "--image", layout + ":v1", bundle.toString());

        Path opaque = Files.write(temp.resolve("opaque.tar"), TarArchive.tar(directory("opt"), file("opt/.wh..wh..opq", ""),
                file("opt/new", "replaced\n")));
        run(temp, "umoci", "raw", "add-layer", "--image", layout + ":v1", opaque.toString());
        return layout;
    }

    /** Run a tool in {@code workDirectory} (its TMPDIR too); it must succeed. Returns what it printed. */
    public static String run(Path workDirectory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("TMPDIR", workDirectory.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
