package jrocker.step05.cli;

import static jrocker.step05.store.StoreFixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step05.Main;
import jrocker.step05.registry.RegistryProxy;
import jrocker.step05.registry.SelfSignedTls;
import jrocker.step05.registry.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jrocker pull} and {@code run --pull} as a user runs them: the packaged CLI, a real registry on
 * 127.0.0.1 (plain HTTP: loopback), a busybox image with whiteouts pushed into it by skopeo, run on
 * overlayfs (root: whiteouts are device nodes).
 */
class PullIT {
    private static final Pattern DIGEST = Pattern.compile("Digest: (sha256:[0-9a-f]{64})\n");

    @TempDir
    static Path shared;
    static TestRegistry registry;

    @TempDir
    Path temp;
    Path data;
    CliProcess jrocker;

    @BeforeAll
    static void pushALayeredBusybox() throws Exception {
        Privileges.requireRoot("unpacking layers with whiteouts makes device nodes and trusted.* xattrs",
                Assumptions::abort);
        registry = TestRegistry.start(Files.createDirectories(shared.resolve("registry")));
        String image = LayeredBusybox.build(Files.createDirectories(shared.resolve("image")));
        registry.push("oci:" + image, "test/layered:v1");
    }

    @AfterAll
    static void stopTheRegistry() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() {
        data = temp.resolve("data");
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", data.toString());
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result result = jrocker.run(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private String image() {
        return registry.host() + "/test/layered:v1";
    }

    @Test
    void pullsAnImageThatRunsWithItsWhiteoutsEnvAndWorkingDirByTagAndByDigest() throws Exception {
        String pulled = ok("pull", image()).stdout();
        assertTrue(pulled.startsWith("v1: Pulling from test/layered\n"), pulled);
        assertEquals(3, pulled.lines().filter(line -> line.matches("[0-9a-f]{12}: Pull complete")).count(), pulled);
        assertTrue(pulled.endsWith("Status: Downloaded newer image for " + image() + "\n" + image() + "\n"), pulled);
        Matcher digest = DIGEST.matcher(pulled);
        assertTrue(digest.find(), pulled);

        assertEquals("hello from /data\n", ok("run", "--rm", image()).stdout(), "Entrypoint, Cmd, Env and WorkingDir");
        assertEquals("ls: /etc/motd: No such file or directory\nnew.txt\n",
                ok("run", "--rm", image(), "ls /etc/motd 2>&1; ls /data").stdout(), "the whiteout and the opaque directory");

        String again = ok("pull", image()).stdout();
        assertTrue(again.contains("Status: Image is up to date for " + image() + "\n"), again);
        assertTrue(again.lines().noneMatch(line -> line.contains("Pull complete")), again);

        String images = ok("images", "--digests").stdout();
        assertTrue(images.lines().anyMatch(line -> line.matches(Pattern.quote(registry.host() + "/test/layered")
                + " +v1 +" + digest.group(1) + " .*")), images);
        assertTrue(ok("image", "inspect", image()).stdout().contains("\"RepoDigests\": [\n            \""
                + registry.host() + "/test/layered@" + digest.group(1) + "\"\n        ]"));

        ok("rmi", image());
        String byDigest = registry.host() + "/test/layered@" + digest.group(1);
        ok("pull", "-q", byDigest);
        assertEquals("hello from /data\n", ok("run", "--rm", byDigest).stdout());
    }

    @Test
    void runPullsAMissingImageAndPullNeverDoesNot() throws Exception {
        CliProcess.Result never = jrocker.run("run", "--rm", "--pull=never", image());
        assertEquals(125, never.exitCode(), never.toString());
        assertTrue(never.stderr().startsWith("jrocker: no such image: " + image()), never.stderr());

        CliProcess.Result run = ok("run", "--rm", image());
        assertEquals("hello from /data\n", run.stdout(), "the pull's lines go to stderr, not to the container's stdout");
        assertTrue(run.stderr().startsWith("Unable to find image '" + image() + "' locally\nv1: Pulling from test/layered\n"),
                run.stderr());

        CliProcess.Result always = ok("run", "--rm", "--pull=always", image());
        assertTrue(always.stderr().contains("Status: Image is up to date for " + image()), always.stderr());
    }

    /**
     * {@code --tls-verify=false} as a user gives it: a registry on HTTPS with a certificate nobody signed. A
     * loopback registry is spoken to over plain HTTP unless told otherwise, so without the flag the pull fails
     * (one line, exit 1, nothing kept); with it, the pull goes over HTTPS and the image runs.
     */
    @Test
    void tlsVerifyFalsePullsFromAnHttpsRegistryWhoseCertificateNobodySigned() throws Exception {
        try (RegistryProxy https = new RegistryProxy(registry, InetAddress.getLoopbackAddress(),
                SelfSignedTls.serverContext(temp))) {
            String image = https.host() + "/test/layered:v1";
            CliProcess.Result plain = jrocker.run("pull", image);
            assertEquals(1, plain.exitCode(), plain.toString());
            assertEquals(1, plain.stderr().lines().count(), plain.stderr());
            assertTrue(plain.stderr().startsWith("jrocker pull: "), plain.stderr());
            assertEquals(List.of(), https.requests, "plain HTTP to a TLS server is not a request it understood");

            ok("pull", "-q", "--tls-verify=false", image);
            assertTrue(https.requests.contains("GET /v2/"), https.requests.toString());
            assertEquals("hello from /data\n", ok("run", "--rm", image).stdout());
        }
    }

    @Test
    void aFailedPullIsOneLineAndExitOneAndLeavesNothing() throws Exception {
        CliProcess.Result unknown = jrocker.run("pull", registry.host() + "/test/layered:nope");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertEquals("jrocker pull: manifest unknown: " + registry.host() + "/test/layered:nope\n", unknown.stderr());

        CliProcess.Result invalid = jrocker.run("pull", "Busybox");
        assertEquals(1, invalid.exitCode(), invalid.toString());
        assertEquals(1, invalid.stderr().lines().count(), invalid.stderr());

        CliProcess.Result run = jrocker.run("run", "--rm", registry.host() + "/test/nothing:v1");
        assertEquals(125, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("jrocker: manifest unknown: " + registry.host() + "/test/nothing:v1\n"), run.stderr());
        for (String directory : List.of("images", "layers", "tmp")) {
            assertEquals(List.of(), list(data.resolve(directory)), directory);
        }
    }
}
