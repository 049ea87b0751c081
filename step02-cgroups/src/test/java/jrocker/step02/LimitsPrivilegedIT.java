package jrocker.step02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step02.cgroup.LeftoverCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jrocker run} with limits, for real: the kernel enforces them, and nothing stays behind. */
class LimitsPrivilegedIT {
    private static final CliProcess JROCKER = new CliProcess(Main.class);
    /** Fills memory: a shell variable of 100 MB of 'a's. */
    private static final String MEMORY_HOG = "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}";

    /** The jrocker cgroups there before each test (a learner's own containers): not a leak. */
    private LeftoverCgroups leftovers;

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("cgroups are created under /sys/fs/cgroup", Assumptions::abort);
    }

    @BeforeEach
    void rememberTheCgroupsThereBefore() {
        leftovers = LeftoverCgroups.now();
    }

    @AfterEach
    void noCgroupIsLeftBehind() {
        assertEquals(List.of(), leftovers.appeared(), "every container's cgroup is removed when it ends");
    }

    @Test
    void aMemoryHogIsKilledUnderItsLimitAndTheCauseIsSaid() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "-m", "16m", "sh", "-c", MEMORY_HOG);

        assertEquals(137, result.exitCode(), result.toString());
        assertEquals("jrocker: killed: out of memory, limit 16 MiB\n", result.stderr());
    }

    @Test
    void theSameHogSurvivesWithoutALimit() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "sh", "-c", MEMORY_HOG);

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("100000000", result.stdout().strip());
    }

    @Test
    void theInitSurvivesASmallLimitUntilItExecs() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "-m", "6m", "--pids-limit", "4", "sh", "-c", "echo alive");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("alive\n", result.stdout());
    }

    @Test
    void aForkLoopStopsAtThePidsLimit() throws Exception {
        String forks = "for i in $(seq 30); do sleep 1 & done; echo all-started; wait";

        CliProcess.Result limited = JROCKER.run("run", "--pids-limit", "10", "sh", "-c", forks);
        CliProcess.Result unlimited = JROCKER.run("run", "sh", "-c", forks);

        assertFalse(limited.stdout().contains("all-started"), limited.toString());
        assertTrue(limited.stderr().contains("Cannot fork"), limited.toString());
        assertEquals(0, unlimited.exitCode(), unlimited.toString());
        assertEquals("all-started\n", unlimited.stdout());
    }

    @Test
    void aBusyLoopGetsAboutHalfACpuUnderCpusHalf() throws Exception {
        // `times` prints the user and system time of the shell, then of its children.
        CliProcess.Result result = JROCKER.run("run", "--cpus", "0.5", "sh", "-c",
                "timeout 3 sh -c 'while :; do :; done'; times");

        assertEquals(0, result.exitCode(), result.toString());
        String children = result.stdout().lines().toList().get(1);
        double cpuSeconds = seconds(children.split(" ")[0]) + seconds(children.split(" ")[1]);
        assertTrue(cpuSeconds > 1.0 && cpuSeconds < 2.1, "3 s at half a CPU is about 1.5 s of CPU, got " + cpuSeconds);
    }

    /** "0m1.530000s" → 1.53 */
    private static double seconds(String time) {
        int m = time.indexOf('m');
        return Integer.parseInt(time.substring(0, m)) * 60 + Double.parseDouble(time.substring(m + 1, time.length() - 1));
    }

    @Test
    void theCpusetIsWhatTheContainerSees() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "--cpuset-cpus", "0", "grep", "Cpus_allowed_list", "/proc/self/status");
        assertEquals("Cpus_allowed_list:\t0", result.stdout().strip(), result.toString());
    }

    @Test
    void theContainerSeesItsOwnCgroupAsTheRoot() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "-m", "64m", "cat", "/proc/self/cgroup");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().lines().allMatch(line -> line.endsWith(":/")),
                "the cgroup namespace is rooted at the container's own cgroup: " + result);
    }

    @Test
    void badValuesAreOneLineErrorsWithExit125AndCreateNothing() throws Exception {
        for (List<String> flags : List.of(List.of("-m", "1x"), List.of("--cpus", "0"), List.of("--cpuset-cpus", "999"),
                List.of("--pids-limit", "-5"), List.of("--cpu-shares", "1"))) {
            String[] args = Stream.concat(Stream.of("run"), Stream.concat(flags.stream(), Stream.of("true"))).toArray(String[]::new);
            CliProcess.Result result = JROCKER.run(args);
            assertEquals(125, result.exitCode(), flags + ": " + result);
            assertEquals(1, result.stderr().lines().count(), flags + ": " + result);
            assertTrue(result.stderr().startsWith("jrocker: "), flags + ": " + result);
            assertEquals(List.of(), leftovers.appeared());
        }
    }

    @Test
    void stoppingJrockerRemovesTheCgroupToo() throws Exception {
        Process run = JROCKER.start("run", "-m", "32m", "sleep", "60");
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            // The container's cgroup is jrocker/ID: wait until a new one appears.
            while (leftovers.appeared().stream().noneMatch(dir -> dir.getParent().getFileName().toString().equals("jrocker"))) {
                assertTrue(System.nanoTime() < deadline, "the container's cgroup never appeared");
                Thread.sleep(50);
            }
            run.destroy(); // SIGTERM to jrocker: its shutdown hook kills the container and cleans up
            assertTrue(run.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            run.destroyForcibly();
        }
        // @AfterEach checks that no cgroup is left.
    }

    @Test
    void aCommandThatIsNotFoundLeavesNoCgroup() throws Exception {
        CliProcess.Result result = JROCKER.run("run", "-m", "32m", "no-such-command-7");
        assertEquals(127, result.exitCode(), result.toString());
    }
}
