package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drivers on this machine's real cgroups, with whatever layout it has (hybrid v1 on the project's
 * CI machine, v2 on most laptops): the kernel must read back our values, a process must land in the
 * cgroup, the OOM killer must strike at the limit, and nothing may be left behind.
 */
class CgroupKernelTest {
    private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");

    private static CgroupLayout layout;
    private static CgroupDriver driver;

    private final List<Process> processes = new ArrayList<>();
    private final List<Cgroup> cgroups = new ArrayList<>();

    @BeforeAll
    static void rootAndThisHostsLayout() {
        Privileges.requireRoot("cgroups are created under /sys/fs/cgroup", Assumptions::abort);
        layout = CgroupLayout.detect();
        driver = CgroupDriver.forLayout(layout);
        leftovers = LeftoverCgroups.now();
    }

    @AfterEach
    void killAndRemoveWhatTheTestLeft() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (Cgroup cgroup : cgroups) {
            cgroup.remove(); // harmless when the test removed it already
        }
    }

    /** What was there before these tests (a learner's own containers): not a leak. */
    private static LeftoverCgroups leftovers;

    @AfterAll
    static void nothingNamedJrockerIsLeftUnderSysFsCgroup() throws IOException {
        assertEquals(List.of(), leftovers.appeared());
    }

    @Test
    void theKernelReadsBackEveryLimitAndAProcessJoins() throws Exception {
        String id = newId();
        ResourceLimits limits = ResourceLimits.fromFlags("64m", "0.5", "512", "0", "20", CpuSet.online());
        Cgroup cgroup = track(driver.create(id, limits));

        Path memory = cgroup.directory("memory").orElseThrow();
        if (Files.exists(memory.resolve("memory.max"))) { // cgroup v2
            assertEquals("67108864", read(memory.resolve("memory.max")));
            assertSwapOff(memory.resolve("memory.swap.max"), "0");
            Path cpu = cgroup.directory("cpu").orElseThrow();
            assertEquals("50000 100000", read(cpu.resolve("cpu.max")));
            assertEquals(Integer.toString(CpuShares.weightOf(512)), read(cpu.resolve("cpu.weight")));
        } else { // cgroup v1
            assertEquals("67108864", read(memory.resolve("memory.limit_in_bytes")));
            assertSwapOff(memory.resolve("memory.memsw.limit_in_bytes"), "67108864");
            Path cpu = cgroup.directory("cpu").orElseThrow();
            assertEquals("50000", read(cpu.resolve("cpu.cfs_quota_us")));
            assertEquals("100000", read(cpu.resolve("cpu.cfs_period_us")));
            assertEquals("512", read(cpu.resolve("cpu.shares")));
            assertFalse(read(cgroup.directory("cpuset").orElseThrow().resolve("cpuset.mems")).isEmpty());
        }
        assertEquals("0", read(cgroup.directory("cpuset").orElseThrow().resolve("cpuset.cpus")));
        assertEquals("20", read(cgroup.directory("pids").orElseThrow().resolve("pids.max")));
        assertEquals(0, cgroup.oomKillCount());

        Process sleep = start(new ProcessBuilder("sleep", "30"));
        cgroup.addProcess(sleep.pid());

        for (String controller : List.of("memory", "cpu", "cpuset", "pids")) {
            assertEquals(Optional.of("/jrocker/" + id), cgroupPathOf(sleep.pid(), controller), controller);
        }
        assertTrue(cgroup.processes().contains(sleep.pid()));

        sleep.destroyForcibly();
        sleep.waitFor();
        cgroup.remove();
        for (Path dir : cgroup.directories()) {
            assertFalse(Files.exists(dir), dir + " removed");
        }
        assertEquals(List.of(), leftovers.appeared());
    }

    @Test
    void aMemoryHogIsOomKilledAtTheLimitAndTheKernelCountsIt() throws Exception {
        Cgroup cgroup = track(driver.create(newId(), ResourceLimits.NONE.withMemory(MemorySize.parseLimit("16m"))));
        // The shell waits for a line, so it joins the cgroup before tail starts (tail keeps what it reads
        // of a file without newlines in memory, so it grows until something stops it).
        Process hog = start(new ProcessBuilder("sh", "-c", "read go; exec tail /dev/zero")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
        cgroup.addProcess(hog.pid());
        try (OutputStream stdin = hog.getOutputStream()) {
            stdin.write("go\n".getBytes());
        }

        assertTrue(hog.waitFor(60, TimeUnit.SECONDS), "the hog should be killed long before a minute");
        assertEquals(128 + 9, hog.exitValue(), "killed by SIGKILL");
        assertTrue(cgroup.oomKillCount() >= 1, "the kernel's oom_kill counter: " + cgroup.oomKillCount());
        assertTrue(cgroup.oomKilled());

        cgroup.remove();
        assertEquals(List.of(), leftovers.appeared());
    }

    @Test
    void theCgroup2TreeWorksForRealToo() throws Exception {
        Path unified = layout.unifiedMount().orElse(null);
        Assumptions.assumeTrue(unified != null, "this host has no cgroup2 tree");
        String id = newId();
        Cgroup cgroup = track(new CgroupV2Driver(unified).create(id, ResourceLimits.NONE));
        Path dir = unified.resolve("jrocker").resolve(id);
        assertEquals(List.of(dir), cgroup.directories());

        Process sleep = start(new ProcessBuilder("sleep", "30"));
        cgroup.addProcess(sleep.pid());
        assertTrue(Files.readAllLines(Path.of("/proc", Long.toString(sleep.pid()), "cgroup")).contains("0::/jrocker/" + id));

        sleep.destroyForcibly();
        sleep.waitFor();
        cgroup.remove();
        assertFalse(Files.exists(dir));
        if (!leftovers.existedBefore(unified.resolve("jrocker"))) {
            assertFalse(Files.exists(unified.resolve("jrocker")), "the empty jrocker parent is removed too");
        }
    }

    @Test
    void killAllEndsEveryProcessOfACgroupV1ThroughTheFreezer() throws Exception {
        Path freezer = layout.v1Mounts().get("freezer");
        Assumptions.assumeTrue(freezer != null, "this host has no cgroup v1 freezer tree");
        List<Path> v1Trees = List.copyOf(new java.util.LinkedHashSet<>(layout.v1Mounts().values()));
        Cgroup cgroup = track(new CgroupV1Driver(layout.v1Mounts()).create(newId(), ResourceLimits.NONE)
                .inEveryHierarchy(v1Trees));
        assertEquals(v1Trees.size(), cgroup.directories().size(), "only v1 directories: no cgroup.kill to use");

        Process shell = startFamilyIn(cgroup);
        cgroup.killAll(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the shell was killed");
        assertEquals(128 + 9, shell.exitValue());
        awaitEmpty(cgroup);
        assertEquals("THAWED", read(freezer.resolve("jrocker").resolve(cgroup.containerId()).resolve("freezer.state")));
        cgroup.remove();
    }

    @Test
    void killAllEndsEveryProcessOfACgroupV2WithCgroupKill() throws Exception {
        Path unified = layout.unifiedMount().orElse(null);
        Assumptions.assumeTrue(unified != null, "this host has no cgroup2 tree");
        Cgroup cgroup = track(new CgroupV2Driver(unified).create(newId(), ResourceLimits.NONE));
        Assumptions.assumeTrue(Files.exists(cgroup.directories().get(0).resolve("cgroup.kill")),
                "this kernel has no cgroup.kill (added in 5.14)");

        Process shell = startFamilyIn(cgroup);
        cgroup.killAll(pid -> {
            throw new AssertionError("cgroup.kill needs no signal sent by hand, yet " + pid + " got one");
        });

        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the shell was killed");
        assertEquals(128 + 9, shell.exitValue());
        awaitEmpty(cgroup);
        cgroup.remove();
    }

    /**
     * A shell in {@code cgroup} with two children of its own (whose PIDs jrocker never learns), as a container
     * has once its PID 1 has started something.
     */
    private Process startFamilyIn(Cgroup cgroup) throws Exception {
        Process shell = start(new ProcessBuilder("sh", "-c", "read go; sleep 1000 & sleep 1000 & wait")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        cgroup.addProcess(shell.pid());
        try (OutputStream stdin = shell.getOutputStream()) {
            stdin.write("go\n".getBytes());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cgroup.processes().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(3, cgroup.processes().size(), "the shell and its two sleeps: " + cgroup.processes());
        return shell;
    }

    private static void awaitEmpty(Cgroup cgroup) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cgroup.processes().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(java.util.Set.of(), cgroup.processes(), "no process of the cgroup is left, children included");
    }

    @Test
    void containersCreatedAndRemovedAtTheSameTimeLeaveNothingBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        driver.create(newId(), ResourceLimits.NONE.withPidsMax(10)).remove();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(); // rethrows any failure of that thread
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), leftovers.appeared());
    }

    private Cgroup track(Cgroup cgroup) {
        cgroups.add(cgroup);
        return cgroup;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "test-" + HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    /** Swap accounting can be off (no such file): then there is nothing to check. */
    private static void assertSwapOff(Path file, String expected) throws IOException {
        if (Files.exists(file)) {
            assertEquals(expected, read(file), file.toString());
        }
    }

    /** The cgroup of {@code pid} in {@code controller}'s hierarchy, from /proc/PID/cgroup. */
    private static Optional<String> cgroupPathOf(long pid, String controller) throws IOException {
        boolean onV1 = layout.v1Mounts().containsKey(controller);
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] fields = line.split(":", 3); // hierarchy-ID:controller-list:path
            boolean match = onV1 ? List.of(fields[1].split(",")).contains(controller) : fields[0].equals("0");
            if (match) {
                return Optional.of(fields[2]);
            }
        }
        return Optional.empty();
    }

    /** Every directory named like jrocker in the cgroup trees (the leak check), three levels deep. */
    private static List<Path> jrockerDirectories() throws IOException {
        try (Stream<Path> walk = Files.walk(CGROUP_FS, 3)) {
            return walk.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains("jrocker")).toList();
        }
    }
}
