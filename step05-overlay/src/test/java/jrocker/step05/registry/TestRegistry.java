package jrocker.step05.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) on a free port of
 * 127.0.0.1, with its storage in a temporary directory and a generated config; stopped by {@link #close()}.
 * Images get into it with {@code skopeo copy ... docker://HOST/NAME:TAG}, as a user would push them.
 */
public final class TestRegistry implements AutoCloseable {
    static final Path PROGRAM = Path.of("/usr/bin/docker-registry");
    private final Process process;
    private final int port;
    private final Path directory;

    private TestRegistry(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(PROGRAM) && Files.isExecutable(Path.of("/usr/bin/skopeo")),
                "docker-registry and skopeo are not installed (apt-get install docker-registry skopeo)");
    }

    /** Start a registry whose files are under {@code directory}; a port taken in between is retried. */
    public static TestRegistry start(Path directory) throws IOException, InterruptedException {
        assumeInstalled();
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path config = directory.resolve("config.yml");
            Files.writeString(config, String.join("\n",
                    "version: 0.1",
                    "log:",
                    "  level: error",
                    "  accesslog:",
                    "    disabled: true",
                    "storage:",
                    "  filesystem:",
                    "    rootdirectory: " + directory.resolve("storage"),
                    "  delete:",
                    "    enabled: true",
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    ""));
            Process process = new ProcessBuilder(PROGRAM.toString(), "serve", config.toString()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            TestRegistry registry = new TestRegistry(process, port, directory);
            if (registry.awaitReady()) {
                return registry;
            }
            registry.close();
            last = new IOException("docker-registry did not start on 127.0.0.1:" + port + ": "
                    + Files.readString(directory.resolve("registry.log")));
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** {@code 127.0.0.1:PORT}: the domain of the references of this registry's images. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code skopeo copy [options] SOURCE docker://HOST/NAME}: push an image (plain HTTP: --dest-tls-verify=false). */
    public void push(String source, String name, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"));
        command.addAll(List.of(options));
        command.add(source);
        command.add("docker://" + host() + "/" + name);
        jrocker.step05.archive.UmociImages.run(directory, command.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
