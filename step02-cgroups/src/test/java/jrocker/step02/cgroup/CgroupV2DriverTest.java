package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup v2 driver against {@link FakeCgroupfs}: which files get which values, and what is left behind. */
class CgroupV2DriverTest {
    private static final ResourceLimits ALL = ResourceLimits.NONE
            .withMemory(64L << 20)
            .withCpus(CpuQuota.parse("0.5"))
            .withCpuShares(CpuShares.parse("512"))
            .withCpusetCpus(CpuSet.parse("0-1"))
            .withPidsMax(20);

    @TempDir
    Path tmp;

    private FakeCgroupfs fs;
    private Path root;

    @BeforeEach
    void kernelWithEveryController() {
        fs = new FakeCgroupfs();
        root = fs.addV2Root(tmp.resolve("cgroup"), "cpuset", "cpu", "io", "memory", "hugetlb", "pids");
    }

    @Tag("v2-settings")
    @Test
    void settingsAreTheKernelEncodingOfEachLimitInWriteOrder() {
        assertEquals(List.of(
                Setting.of("memory", "memory.max", "67108864"),
                Setting.ifPresent("memory", "memory.swap.max", "0"),
                Setting.of("cpu", "cpu.max", "50000 100000"),
                Setting.of("cpu", "cpu.weight", "20"),
                Setting.of("cpuset", "cpuset.cpus", "0-1"),
                Setting.of("pids", "pids.max", "20")), CgroupV2Driver.settings(ALL));
        assertEquals(List.of(), CgroupV2Driver.settings(ResourceLimits.NONE), "no limit, no write");
    }

    @Tag("v2-settings")
    @Test
    void createWritesEveryLimitIntoTheContainersDirectory() {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ALL);

        Path dir = root.resolve("jrocker/c1");
        assertEquals(List.of(dir), cgroup.directories());
        assertEquals("67108864", fs.value(dir.resolve("memory.max")));
        assertEquals("0", fs.value(dir.resolve("memory.swap.max")), "no swap on top of the memory limit");
        assertEquals("50000 100000", fs.value(dir.resolve("cpu.max")));
        assertEquals(Integer.toString(CpuShares.weightOf(512)), fs.value(dir.resolve("cpu.weight")));
        assertEquals("0-1", fs.value(dir.resolve("cpuset.cpus")));
        assertEquals("20", fs.value(dir.resolve("pids.max")));
        for (String controller : List.of("memory", "cpu", "cpuset", "pids")) {
            assertEquals(Optional.of(dir), cgroup.directory(controller));
        }
    }

    @Tag("v2-settings")
    @Test
    void limitsNotAskedForKeepTheKernelsUnlimitedDefaults() {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE.withPidsMax(5));

        Path dir = cgroup.directories().get(0);
        assertEquals("max", fs.value(dir.resolve("memory.max")));
        assertEquals("max", fs.value(dir.resolve("memory.swap.max")));
        assertEquals("max 100000", fs.value(dir.resolve("cpu.max")));
        assertEquals("100", fs.value(dir.resolve("cpu.weight")));
        assertEquals("5", fs.value(dir.resolve("pids.max")));
        assertEquals(List.of(), fs.writesTo("memory.max"));
    }

    @Test
    void enablesTheFourControllersInTheRootAndInJrockerButNoOthers() {
        new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE);

        Set<String> expected = Set.of("memory", "cpu", "cpuset", "pids");
        assertEquals(expected, Set.of(fs.value(root.resolve("cgroup.subtree_control")).split(" ")));
        assertEquals(expected, Set.of(fs.value(root.resolve("jrocker/cgroup.subtree_control")).split(" ")));
        assertTrue(Files.exists(root.resolve("jrocker/c1/memory.events")), "the container got the memory files");
    }

    @Test
    void enablesOnlyWhatIsAvailableAndNothingTwice() {
        FakeCgroupfs small = new FakeCgroupfs();
        Path smallRoot = small.addV2Root(tmp.resolve("small"), "memory", "pids");
        CgroupV2Driver driver = new CgroupV2Driver(smallRoot, small);

        driver.create("a", ResourceLimits.NONE.withMemory(16L << 20));
        driver.create("b", ResourceLimits.NONE);

        assertEquals("memory pids", small.value(smallRoot.resolve("cgroup.subtree_control")));
        assertEquals(List.of("+memory", "+pids", "+memory", "+pids"), small.writesTo("cgroup.subtree_control"),
                "root and jrocker once each; the second container finds them enabled");
    }

    @Test
    void aLimitWhoseControllerIsUnavailableIsAClearErrorAndCreatesNothing() {
        FakeCgroupfs small = new FakeCgroupfs();
        Path smallRoot = small.addV2Root(tmp.resolve("small"), "memory", "pids");

        CgroupException e = assertThrows(CgroupException.class, () -> new CgroupV2Driver(smallRoot, small)
                .create("c1", ResourceLimits.NONE.withCpusetCpus(CpuSet.parse("0"))));

        assertEquals("the \"cpuset\" controller is not available in " + smallRoot
                + " (its cgroup.controllers lists: memory pids), so --cpuset-cpus cannot be enforced", e.getMessage());
        assertEquals(List.of(), small.cgroups());
        assertEquals(List.of(), small.writes());
    }

    @Tag("v2-settings")
    @Test
    void withoutSwapAccountingTheSwapLimitIsSkipped() {
        FakeCgroupfs noSwap = new FakeCgroupfs().withoutSwapAccounting();
        Path noSwapRoot = noSwap.addV2Root(tmp.resolve("noswap"), "memory");

        Cgroup cgroup = new CgroupV2Driver(noSwapRoot, noSwap).create("c1", ResourceLimits.NONE.withMemory(16L << 20));

        assertEquals("16777216", noSwap.value(cgroup.directories().get(0).resolve("memory.max")));
        assertEquals(List.of(), noSwap.writesTo("memory.swap.max"));
    }

    @Test
    void removeTakesTheEmptyParentAlongButNotWhileAnotherContainerUsesIt() {
        CgroupV2Driver driver = new CgroupV2Driver(root, fs);
        Cgroup first = driver.create("c1", ALL);
        Cgroup second = driver.create("c2", ResourceLimits.NONE);

        first.remove();
        assertFalse(Files.exists(root.resolve("jrocker/c1")));
        assertEquals(List.of(root.resolve("jrocker"), root.resolve("jrocker/c2")), fs.cgroups().stream().sorted().toList());

        second.remove();
        assertEquals(List.of(), fs.cgroups(), "the last container takes jrocker/ with it");
        assertTrue(Files.exists(root.resolve("cgroup.subtree_control")), "the root is the host's: left alone");

        second.remove(); // a second removal finds nothing to do
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void aFailedWriteRemovesWhatWasCreatedAndNamesFileValueAndErrno() {
        fs.failWritesTo("pids.max", Errno.EINVAL);

        SyscallException e = assertThrows(SyscallException.class, () -> new CgroupV2Driver(root, fs).create("c1", ALL));

        assertEquals("write 20 to " + root.resolve("jrocker/c1/pids.max") + " failed: EINVAL (Invalid argument)", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(List.of(), fs.cgroups(), "nothing left behind");
    }

    @Test
    void enablingControllersInACgroupWithProcessesExplainsTheNoInternalProcessRule() {
        fs.failWritesTo("cgroup.subtree_control", Errno.EBUSY);

        CgroupException e = assertThrows(CgroupException.class, () -> new CgroupV2Driver(root, fs).create("c1", ALL));

        assertTrue(e.getMessage().startsWith("write +memory to " + root.resolve("cgroup.subtree_control")
                + " failed: EBUSY (Device or resource busy): "), e.getMessage());
        assertTrue(e.getMessage().contains("does not let a cgroup with processes enable controllers"), e.getMessage());
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void addProcessWritesThePidToCgroupProcs() {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE);

        cgroup.addProcess(4242);

        assertEquals("4242", fs.value(root.resolve("jrocker/c1/cgroup.procs")));
        assertThrows(IllegalArgumentException.class, () -> cgroup.addProcess(0));
    }

    @Test
    void removeWaitsWhileTheLastProcessesExit() {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE);
        fs.busyFor(root.resolve("jrocker/c1"), 5);

        cgroup.remove();

        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void removeGivesUpOnACgroupThatStaysBusyAndSaysWhoIsInIt() {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE);
        cgroup.addProcess(4242);

        CgroupException e = assertThrows(CgroupException.class, cgroup::remove);

        assertEquals("cannot remove cgroup " + root.resolve("jrocker/c1") + ": still busy after 3 s (processes in it: 4242)",
                e.getMessage());
        assertTrue(Files.isDirectory(root.resolve("jrocker/c1")));
    }

    @Test
    void oomKillCountIsTheKernelsCounterInMemoryEvents() throws Exception {
        Cgroup cgroup = new CgroupV2Driver(root, fs).create("c1", ResourceLimits.NONE.withMemory(16L << 20));
        assertEquals(0, cgroup.oomKillCount());
        assertFalse(cgroup.oomKilled());

        // What the kernel's OOM killer does to the counters (oom_group_kill must not be mistaken for it).
        Files.writeString(root.resolve("jrocker/c1/memory.events"), "low 0\nhigh 0\nmax 7\noom 2\noom_kill 2\noom_group_kill 0\n");

        assertEquals(2, cgroup.oomKillCount());
        assertTrue(cgroup.oomKilled());
    }

    @Test
    void withoutAMemoryControllerTheOomCountIsUnknownNotZero() {
        FakeCgroupfs noMemory = new FakeCgroupfs();
        Path noMemoryRoot = noMemory.addV2Root(tmp.resolve("nomem"), "pids");
        Cgroup cgroup = new CgroupV2Driver(noMemoryRoot, noMemory).create("c1", ResourceLimits.NONE);

        CgroupException e = assertThrows(CgroupException.class, cgroup::oomKillCount);
        assertTrue(e.getMessage().contains("has no memory cgroup"), e.getMessage());
    }

    @Test
    void survivesTheParentBeingRemovedBetweenItsTwoMkdirs() {
        CgroupV2Driver driver = new CgroupV2Driver(root, fs);
        Cgroup other = driver.create("other", ResourceLimits.NONE);
        // Another container's removal wins the race: it empties and removes jrocker/ just before our mkdir.
        fs.beforeMkdir(root.resolve("jrocker/c1"), other::remove);

        Cgroup cgroup = driver.create("c1", ALL);

        assertEquals(List.of(root.resolve("jrocker"), root.resolve("jrocker/c1")), fs.cgroups().stream().sorted().toList());
        assertEquals("20", fs.value(root.resolve("jrocker/c1/pids.max")));
        assertTrue(fs.value(root.resolve("jrocker/cgroup.subtree_control")).contains("pids"),
                "controllers enabled in the new jrocker/");
        cgroup.remove();
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void anExistingContainerCgroupIsAnErrorAndIsNotTouched() {
        CgroupV2Driver driver = new CgroupV2Driver(root, fs);
        driver.create("c1", ResourceLimits.NONE.withPidsMax(7));

        CgroupException e = assertThrows(CgroupException.class, () -> driver.create("c1", ALL));

        assertTrue(e.getMessage().startsWith("cgroup " + root.resolve("jrocker/c1") + " already exists"), e.getMessage());
        assertEquals("7", fs.value(root.resolve("jrocker/c1/pids.max")), "the other container's cgroup is unchanged");
    }

    @Test
    void containerIdsThatAreNoDirectoryNameAreRefused() {
        CgroupV2Driver driver = new CgroupV2Driver(root, fs);
        for (String bad : List.of("", "..", "a/b", ".hidden", "a b")) {
            assertThrows(IllegalArgumentException.class, () -> driver.create(bad, ResourceLimits.NONE), bad);
        }
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void manyContainersCreatedAndRemovedAtOnceLeaveNothingBehind() throws Exception {
        CgroupV2Driver driver = new CgroupV2Driver(root, fs);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        driver.create("t" + t + "-" + i, ResourceLimits.NONE.withPidsMax(10)).remove();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(); // rethrows any failure of that thread
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), fs.cgroups());
    }
}
