package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docker users trip on, answered as docker answers it: exit 1 for a name that does not exist, an unknown
 * command refused in one line, a hostname docker would refuse, export to standard output.
 */
class DockerCompatibilityIT {
    @TempDir
    Path dataRoot;
    CliProcess jrocker;

    @BeforeEach
    void privateDataRoot() {
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString());
    }

    @Test
    void aContainerOrImageThatDoesNotExistIsExit1ForEveryCommand() throws Exception {
        for (List<String> command : List.of(List.of("rm", "nosuch"), List.of("rm", "-f", "nosuch"), List.of("stop", "nosuch"),
                List.of("kill", "nosuch"), List.of("inspect", "nosuch"), List.of("logs", "nosuch"), List.of("export", "nosuch", "-o", "/dev/null"),
                List.of("rmi", "nosuch"), List.of("image", "inspect", "nosuch"))) {
            CliProcess.Result result = jrocker.run(command.toArray(String[]::new));

            assertEquals(1, result.exitCode(), command + ": " + result);
            assertTrue(result.stderr().startsWith("jrocker: ") && result.stderr().contains("no such"), command + ": " + result);
            assertTrue(!result.stderr().contains("internal error"), command + ": " + result);
        }
    }

    @Test
    void anUnknownCommandIsOneLineAndExit1EvenWithHelp() throws Exception {
        for (String[] args : new String[][] {{"frobnicate"}, {"frobnicate", "--help"}, {"--data-root", "/tmp", "frobnicate"}}) {
            CliProcess.Result result = jrocker.run(args);

            assertEquals(new CliProcess.Result(1, "", "jrocker: 'frobnicate' is not a jrocker command.\nSee 'jrocker --help'.\n"),
                    result, String.join(" ", args));
        }
    }

    @Test
    void aHostnameDockerRefusesIsRefusedBeforeAnythingIsMade() throws Exception {
        for (String hostname : List.of("a b/c", "box-", "x".repeat(64), "under_score")) {
            CliProcess.Result result = jrocker.run("run", "--rm", "--hostname", hostname, "busybox", "true");

            assertEquals(125, result.exitCode(), hostname + ": " + result);
            assertTrue(result.stderr().startsWith("jrocker: invalid hostname format: " + hostname + " ("), result.toString());
            assertEquals(1, result.stderr().lines().count(), result.toString());
        }
        assertTrue(!Files.exists(dataRoot.resolve("containers")) || list(dataRoot.resolve("containers")).isEmpty(), "no container made");
    }

    @Test
    void exportWithoutOutputWritesTheSameTarToStandardOutput() throws Exception {
        Privileges.requireRoot("export mounts an overlay; the container runs", Assumptions::abort);
        assertEquals(0, jrocker.run("run", "--name", "exported", "busybox", "sh", "-c", "echo x > /etc/note").exitCode());
        Path file = dataRoot.resolve("file.tar");
        assertEquals(0, jrocker.run("export", "exported", "-o", file.toString()).exitCode());

        Process process = jrocker.start("export", "exported");
        var stderr = CliProcess.drain(process.getErrorStream());
        byte[] stdout = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue(), stderr.get());
        assertArrayEquals(Files.readAllBytes(file), stdout, "the same bytes as export -o");
        assertEquals(List.of("file.tar"), list(dataRoot).stream().filter(name -> name.endsWith(".tar") || name.contains("partial")).toList(),
                "nothing written beside");
    }

    private static List<String> list(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
