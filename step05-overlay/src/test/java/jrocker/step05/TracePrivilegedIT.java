package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JROCKER_TRACE=1, as the performance appendix uses it: both JVMs' phases on stderr, the container's output untouched. */
class TracePrivilegedIT {
    @TempDir
    Path dataRoot;

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("containers need namespaces, cgroups and mounts", Assumptions::abort);
    }

    @Test
    void eachPhaseOfBothJvmsIsOneLineOnStderr() throws Exception {
        CliProcess.Result result = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString())
                .env("JROCKER_TRACE", "1").run("run", "--rm", "busybox", "echo", "hello");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("hello\n", result.stdout(), "the container's output has no trace in it: " + result);
        List<String> trace = result.stderr().lines()
                .filter(line -> line.startsWith("jrocker trace: "))
                .map(line -> line.replaceFirst("^jrocker trace: +[0-9]+\\.[0-9] ms  ", ""))
                .toList();
        for (String phase : List.of("cli   main", "cli   command line built", "cli   command line parsed",
                "cli   init started", "init  main", "init  connected to jrocker", "init  stages done: Ready",
                "cli   init Ready", "init  Go: after-Go stages, walls, execve", "cli   command exec'd",
                "cli   container exited", "cli   container undone", "cli   exit 0")) {
            assertTrue(trace.contains(phase), phase + " is traced: " + result);
        }
        try (Stream<Path> containers = Files.list(dataRoot.resolve("containers"))) {
            assertEquals(List.of(), containers.toList(), "--rm leaves no container");
        }
    }

    @Test
    void withoutTheVariableNothingIsTraced() throws Exception {
        CliProcess.Result result = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString())
                .run("run", "--rm", "busybox", "echo", "hello");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr().lines().filter(line -> line.startsWith("jrocker trace:"))
                .reduce("", (all, line) -> all + line + "\n"), result.toString());
    }
}
