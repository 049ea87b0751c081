package jrocker.step01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import jrocker.step01.linux.MountTable;
import jrocker.step01.linux.Namespace;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containers: {@code jrocker run} started as a user would start it, checked from inside and from
 * the host. Needs root; skipped without it on a laptop, required in CI.
 */
class NamespacesPrivilegedIT {
    private static final CliProcess JROCKER = new CliProcess(Main.class);

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("real namespaces and mounts", Assumptions::abort);
    }

    @Test
    void theContainerHasItsOwnHostnameAndTheHostKeepsItsOwn() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

        CliProcess.Result result = JROCKER.run("run", "--hostname", "box", "--", "sh", "-c", "hostname; echo $$; ps -e -o pid=,comm=");

        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.stdout().lines().map(String::strip).toList();
        assertEquals("box", lines.get(0), result.toString());
        assertEquals("1", lines.get(1), "the command is PID 1: " + result);
        assertEquals(List.of("1 sh", "ps"), List.of(lines.get(2), lines.get(3).replaceAll("^\\d+ ", "")),
                "ps sees only the container's processes: " + result);
        assertEquals(4, lines.size(), result.toString());
        assertEquals(hostBefore, Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    }

    @Test
    void everyNamespaceDiffersFromTheHosts() throws Exception {
        StringBuilder script = new StringBuilder();
        for (Namespace namespace : Namespace.values()) {
            script.append("readlink /proc/self/ns/").append(namespace.procName()).append(";");
        }
        CliProcess.Result result = JROCKER.run("run", "sh", "-c", script.toString());

        assertEquals(0, result.exitCode(), result.toString());
        List<String> inside = result.stdout().lines().toList();
        assertEquals(Namespace.values().length, inside.size(), result.toString());
        for (int i = 0; i < Namespace.values().length; i++) {
            Namespace namespace = Namespace.values()[i];
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns", namespace.procName())).toString();
            assertTrue(inside.get(i).startsWith(namespace.procName() + ":["), inside.get(i));
            assertNotEquals(host, inside.get(i), namespace + " must be a new namespace");
        }
    }

    @Test
    void theNetworkNamespaceHasOnlyLoopback() throws Exception {
        // /proc/net/dev lists the devices of the reader's network namespace; skip its two header lines.
        CliProcess.Result result = JROCKER.run("run", "sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("lo"), result.stdout().lines().map(String::strip).toList());
    }

    @Test
    void runExitsWithTheCommandsStatus() throws Exception {
        assertEquals(7, JROCKER.run("run", "sh", "-c", "exit 7").exitCode());
        assertEquals(0, JROCKER.run("run", "true").exitCode());
    }

    @Test
    void argumentsArriveVerbatim() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "printf", "[%s]", "a  b", "", "$HOME", "'q'", "--hostname");
        assertEquals("[a  b][][$HOME]['q'][--hostname]", result.stdout(), result.toString());
    }

    @Test
    void aMissingCommandExits127AndNamesIt() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "no-such-command-42");

        assertEquals(127, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jrocker: exec: \"no-such-command-42\": executable file not found"), result.toString());
        assertEquals(1, result.stderr().lines().count(), "one line: " + result);
    }

    @Test
    void aCommandThatCannotBeExecutedExits126(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("data"), "just text\n");
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path garbage = Files.writeString(dir.resolve("garbage"), "\u0001\u0002 not a program\n");
        Files.setPosixFilePermissions(garbage, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        CliProcess.Result notExecutable = JROCKER.run("run", data.toString());
        CliProcess.Result wrongFormat = JROCKER.run("run", garbage.toString());

        assertEquals(126, notExecutable.exitCode(), notExecutable.toString());
        assertEquals("jrocker: exec: \"" + data + "\": permission denied\n", notExecutable.stderr());
        assertEquals(126, wrongFormat.exitCode(), wrongFormat.toString());
        assertTrue(wrongFormat.stderr().startsWith("jrocker: exec: \"" + garbage + "\": exec format error"), wrongFormat.toString());
    }

    @Test
    void aMountMadeInsideIsInvisibleOutside(@TempDir Path mountPoint) throws Exception {
        String marker = "jrocker-test-" + ThreadLocalRandom.current().nextInt(1_000_000);

        CliProcess.Result result = JROCKER.run("run", "sh", "-c",
                "mount -t tmpfs " + marker + " " + mountPoint + " && grep -c " + marker + " /proc/self/mountinfo");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("1", result.stdout().strip(), "the mount exists inside: " + result);
        assertTrue(MountTable.current().mounts().stream().noneMatch(mount -> mount.source().equals(marker)),
                "the host never sees it");
    }

    @Test
    void aContainerKilledBySignalExitsWith128PlusTheSignal() throws Exception {
        String seconds = String.valueOf(ThreadLocalRandom.current().nextInt(50_000, 60_000));
        Process run = JROCKER.start("run", "sleep", seconds);
        try {
            long sleeper = awaitProcess("sleep\0" + seconds + "\0", 20);
            new ProcessBuilder("kill", "-KILL", String.valueOf(sleeper)).start().waitFor();
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, run.exitValue());
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void noProcessOutlivesItsContainer() throws Exception {
        String seconds = String.valueOf(ThreadLocalRandom.current().nextInt(60_000, 70_000));

        CliProcess.Result result = JROCKER.run("run", "sh", "-c", "sleep " + seconds + " & sleep " + seconds + " & echo started");

        assertEquals("started", result.stdout().strip(), result.toString());
        // PID 1 exited, so the kernel killed the rest of its PID namespace. Give it a moment.
        assertTrue(awaitGone("sleep\0" + seconds + "\0", 10), "background processes were killed with their container");
    }

    @Test
    void stoppingJrockerStopsItsContainer() throws Exception {
        String seconds = String.valueOf(ThreadLocalRandom.current().nextInt(70_000, 80_000));
        Process run = JROCKER.start("run", "sleep", seconds);
        try {
            awaitProcess("sleep\0" + seconds + "\0", 20);
            run.destroy(); // SIGTERM to jrocker, like Ctrl-C or a service manager
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
            assertTrue(awaitGone("sleep\0" + seconds + "\0", 10), "the container died with its run");
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void theHostsJvmOptionsDoNotLeakIntoTheContainer() throws Exception {
        CliProcess.Result result = new CliProcess(Main.class).env("JAVA_TOOL_OPTIONS", "-Dx=y")
                .run("run", "sh", "-c", "echo ${JAVA_TOOL_OPTIONS:-unset}; ls /proc/self/fd");
        assertEquals(List.of("unset", "0", "1", "2", "3"), result.stdout().lines().toList(),
                "no JVM file descriptor is inherited (3 is ls' own directory): " + result);
        // The CLI's own JVM says "Picked up" once; the init's JVM, which writes to the same stderr, must not.
        assertEquals(1, result.stderr().lines().filter(line -> line.startsWith("Picked up")).count(), result.stderr());
    }

    /** The PID of the process whose /proc/PID/cmdline is {@code cmdline}, waiting up to {@code seconds}. */
    static long awaitProcess(String cmdline, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<Long> found = processesWithCmdline(cmdline);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no process " + cmdline.replace('\0', ' ') + " appeared");
    }

    static boolean awaitGone(String cmdline, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (processesWithCmdline(cmdline).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static List<Long> processesWithCmdline(String cmdline) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    if (Files.readString(entry.resolve("cmdline")).equals(cmdline)) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException | java.io.UncheckedIOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }
}
