package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup v1 driver against {@link FakeCgroupfs}: a tree per controller, cpu and cpuacct mounted together. */
class CgroupV1DriverTest {
    private static final ResourceLimits ALL = ResourceLimits.NONE
            .withMemory(64L << 20)
            .withCpus(CpuQuota.parse("1.5"))
            .withCpuShares(CpuShares.parse("512"))
            .withCpusetCpus(CpuSet.parse("1"))
            .withPidsMax(20);

    @TempDir
    Path tmp;

    private FakeCgroupfs fs;
    private Path memory;
    private Path cpu;
    private Path cpuset;
    private Path pids;
    private Map<String, Path> mounts;

    @BeforeEach
    void hostWithTheUsualV1Trees() {
        fs = new FakeCgroupfs();
        memory = fs.addV1Root(tmp.resolve("memory"), "memory");
        cpu = fs.addV1Root(tmp.resolve("cpu,cpuacct"), "cpu", "cpuacct");
        cpuset = fs.addV1Root(tmp.resolve("cpuset"), "cpuset");
        pids = fs.addV1Root(tmp.resolve("pids"), "pids");
        mounts = Map.of("memory", memory, "cpu", cpu, "cpuacct", cpu, "cpuset", cpuset, "pids", pids);
    }

    @Test
    void settingsPutMemswRightAfterTheMemoryLimitAndThePeriodBeforeTheQuota() {
        assertEquals(List.of(
                Setting.of("memory", "memory.limit_in_bytes", "67108864"),
                Setting.ifPresent("memory", "memory.memsw.limit_in_bytes", "67108864"),
                Setting.of("cpu", "cpu.cfs_period_us", "100000"),
                Setting.of("cpu", "cpu.cfs_quota_us", "150000"),
                Setting.of("cpu", "cpu.shares", "512"),
                Setting.of("cpuset", "cpuset.cpus", "1"),
                Setting.of("pids", "pids.max", "20")), CgroupV1Driver.settings(ALL));
    }

    @Test
    void createMakesOneDirectoryPerTreeAndWritesEveryLimit() {
        Cgroup cgroup = new CgroupV1Driver(mounts, fs).create("c1", ALL);

        assertEquals(List.of(memory.resolve("jrocker/c1"), cpu.resolve("jrocker/c1"), cpuset.resolve("jrocker/c1"),
                pids.resolve("jrocker/c1")), cgroup.directories(), "cpu,cpuacct is one tree: one directory");
        assertEquals(cgroup.directory("cpu"), cgroup.directory("cpuacct"));
        assertEquals("67108864", fs.value(memory.resolve("jrocker/c1/memory.limit_in_bytes")));
        assertEquals("67108864", fs.value(memory.resolve("jrocker/c1/memory.memsw.limit_in_bytes")));
        assertEquals("100000", fs.value(cpu.resolve("jrocker/c1/cpu.cfs_period_us")));
        assertEquals("150000", fs.value(cpu.resolve("jrocker/c1/cpu.cfs_quota_us")));
        assertEquals("512", fs.value(cpu.resolve("jrocker/c1/cpu.shares")));
        assertEquals("1", fs.value(cpuset.resolve("jrocker/c1/cpuset.cpus")));
        assertEquals("20", fs.value(pids.resolve("jrocker/c1/pids.max")));
    }

    @Test
    void memswIsWrittenAfterTheMemoryLimitWhichTheKernelRequires() {
        new CgroupV1Driver(mounts, fs).create("c1", ResourceLimits.NONE.withMemory(16L << 20));

        List<String> order = fs.writes().stream().map(w -> w.file().getFileName().toString()).toList();
        assertEquals(List.of("memory.limit_in_bytes", "memory.memsw.limit_in_bytes"), order);
    }

    @Test
    void withoutSwapAccountingMemswIsSkipped() {
        FakeCgroupfs noSwap = new FakeCgroupfs().withoutSwapAccounting();
        Path noSwapMemory = noSwap.addV1Root(tmp.resolve("noswap-memory"), "memory");

        Cgroup cgroup = new CgroupV1Driver(Map.of("memory", noSwapMemory), noSwap).create("c1", ResourceLimits.NONE.withMemory(16L << 20));

        assertEquals("16777216", noSwap.value(cgroup.directories().get(0).resolve("memory.limit_in_bytes")));
        assertEquals(List.of(), noSwap.writesTo("memory.memsw.limit_in_bytes"));
    }

    @Tag("v1-cpuset")
    @Test
    void cpusetCpusAndMemsAreCopiedFromTheParentsSoAddingAProcessWorks() {
        Cgroup cgroup = new CgroupV1Driver(mounts, fs).create("c1", ALL);

        assertEquals("0-3", fs.value(cpuset.resolve("jrocker/cpuset.cpus")), "jrocker/ gets the root's CPUs");
        assertEquals("0", fs.value(cpuset.resolve("jrocker/cpuset.mems")));
        assertEquals("0", fs.value(cpuset.resolve("jrocker/c1/cpuset.mems")), "without it: ENOSPC");
        assertEquals("1", fs.value(cpuset.resolve("jrocker/c1/cpuset.cpus")), "the CPUs asked for");

        cgroup.addProcess(4242);

        for (Path tree : List.of(memory, cpu, cpuset, pids)) {
            assertEquals("4242", fs.value(tree.resolve("jrocker/c1/cgroup.procs")), tree.toString());
        }
    }

    @Tag("v1-cpuset")
    @Test
    void aCpusetWithoutLimitStillGetsAllOfItsParentsCpus() {
        FakeCgroupfs together = new FakeCgroupfs();
        // A host where cpuset and memory share one tree: the memory directory is a cpuset cgroup too.
        Path tree = together.addV1Root(tmp.resolve("cpuset,memory"), "cpuset", "memory");
        Cgroup cgroup = new CgroupV1Driver(Map.of("cpuset", tree, "memory", tree), together).create("c1", ResourceLimits.NONE);

        assertEquals("0-3", together.value(tree.resolve("jrocker/c1/cpuset.cpus")));
        cgroup.addProcess(4242); // would fail with ENOSPC on empty cpuset files
        assertEquals("4242", together.value(tree.resolve("jrocker/c1/cgroup.procs")));
    }

    @Test
    void withoutLimitsOnlyTheMemoryTreeGetsADirectoryForTheOomCounter() throws Exception {
        Cgroup cgroup = new CgroupV1Driver(mounts, fs).create("c1", ResourceLimits.NONE);

        assertEquals(List.of(memory.resolve("jrocker/c1")), cgroup.directories());
        assertEquals(List.of(memory.resolve("jrocker"), memory.resolve("jrocker/c1")), fs.cgroups().stream().sorted().toList());
        assertEquals(0, cgroup.oomKillCount());

        Files.writeString(memory.resolve("jrocker/c1/memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertEquals(1, cgroup.oomKillCount());
    }

    @Test
    void aLimitWhoseControllerIsNotMountedIsAClearErrorAndCreatesNothing() {
        CgroupException e = assertThrows(CgroupException.class, () -> new CgroupV1Driver(Map.of("memory", memory), fs)
                .create("c1", ResourceLimits.NONE.withPidsMax(5)));

        assertEquals("the \"pids\" controller is not mounted (no cgroup v1 hierarchy has it), so --pids-limit cannot be enforced",
                e.getMessage());
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void aFailureHalfWayRemovesTheDirectoriesOfEveryTree() {
        fs.failWritesTo("pids.max", Errno.EINVAL);

        SyscallException e = assertThrows(SyscallException.class, () -> new CgroupV1Driver(mounts, fs).create("c1", ALL));

        assertEquals("write 20 to " + pids.resolve("jrocker/c1/pids.max") + " failed: EINVAL (Invalid argument)", e.getMessage());
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void anExistingDirectoryInOneTreeIsAnErrorAndOnlyOurOwnDirectoriesAreRemoved() {
        fs.mkdir(pids.resolve("jrocker"));
        fs.mkdir(pids.resolve("jrocker/c1"));

        CgroupException e = assertThrows(CgroupException.class, () -> new CgroupV1Driver(mounts, fs).create("c1", ALL));

        assertTrue(e.getMessage().startsWith("cgroup " + pids.resolve("jrocker/c1") + " already exists"), e.getMessage());
        assertEquals(List.of(pids.resolve("jrocker"), pids.resolve("jrocker/c1")), fs.cgroups().stream().sorted().toList());
    }

    @Test
    void removeTakesEveryDirectoryAndTheEmptyParents() {
        Cgroup cgroup = new CgroupV1Driver(mounts, fs).create("c1", ALL);

        cgroup.remove();

        assertEquals(List.of(), fs.cgroups(), "jrocker/ removed from all four trees");
    }
}
