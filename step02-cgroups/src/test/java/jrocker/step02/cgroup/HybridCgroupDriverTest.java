package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jrocker.step01.linux.CgroupLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hybrid hosts (v1 trees plus a cgroup2 tree), and which driver each layout gets. */
class HybridCgroupDriverTest {
    private static final ResourceLimits ALL = ResourceLimits.NONE
            .withMemory(64L << 20)
            .withCpus(CpuQuota.parse("0.5"))
            .withCpusetCpus(CpuSet.parse("0"))
            .withPidsMax(20);

    @TempDir
    Path tmp;

    @Test
    void likeThisProjectsCiMachineEverythingGoesToV1() {
        FakeCgroupfs fs = new FakeCgroupfs();
        Map<String, Path> v1 = Map.of(
                "memory", fs.addV1Root(tmp.resolve("memory"), "memory"),
                "cpu", fs.addV1Root(tmp.resolve("cpu"), "cpu"),
                "cpuset", fs.addV1Root(tmp.resolve("cpuset"), "cpuset"),
                "pids", fs.addV1Root(tmp.resolve("pids"), "pids"));
        Path unified = fs.addV2Root(tmp.resolve("unified"), "hugetlb");

        Cgroup cgroup = new HybridCgroupDriver(v1, unified, fs).create("c1", ALL);

        assertEquals(4, cgroup.directories().size());
        cgroup.directories().forEach(dir -> assertFalse(dir.startsWith(unified), dir.toString()));
        assertEquals("20", fs.value(tmp.resolve("pids/jrocker/c1/pids.max")));
        cgroup.remove();
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void controllersOnlyInTheCgroup2TreeAreLimitedThere() {
        FakeCgroupfs fs = new FakeCgroupfs();
        Path memory = fs.addV1Root(tmp.resolve("memory"), "memory");
        Path cpu = fs.addV1Root(tmp.resolve("cpu"), "cpu");
        Path unified = fs.addV2Root(tmp.resolve("unified"), "cpuset", "pids");

        Cgroup cgroup = new HybridCgroupDriver(Map.of("memory", memory, "cpu", cpu), unified, fs).create("c1", ALL);

        Path v2Dir = unified.resolve("jrocker/c1");
        assertEquals(List.of(memory.resolve("jrocker/c1"), cpu.resolve("jrocker/c1"), v2Dir), cgroup.directories());
        assertEquals(Optional.of(v2Dir), cgroup.directory("pids"));
        assertEquals(Optional.of(memory.resolve("jrocker/c1")), cgroup.directory("memory"));
        assertEquals("67108864", fs.value(memory.resolve("jrocker/c1/memory.limit_in_bytes")));
        assertEquals("0", fs.value(v2Dir.resolve("cpuset.cpus")));
        assertEquals("20", fs.value(v2Dir.resolve("pids.max")));
        assertEquals(0, cgroup.oomKillCount(), "read from the v1 memory tree");

        cgroup.addProcess(4242);
        assertEquals("4242", fs.value(v2Dir.resolve("cgroup.procs")));
        assertEquals("4242", fs.value(memory.resolve("jrocker/c1/cgroup.procs")));
        assertEquals(Set.of(4242L), cgroup.processes());

        fs.exitProcess(4242);
        cgroup.remove();
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void whenTheCgroup2PartFailsTheV1PartIsRemovedToo() {
        FakeCgroupfs fs = new FakeCgroupfs();
        Path memory = fs.addV1Root(tmp.resolve("memory"), "memory");
        Path unified = fs.addV2Root(tmp.resolve("unified"), "hugetlb");

        CgroupException e = assertThrows(CgroupException.class, () -> new HybridCgroupDriver(Map.of("memory", memory), unified, fs)
                .create("c1", ResourceLimits.NONE.withMemory(16L << 20).withPidsMax(5)));

        assertEquals("the \"pids\" controller is not available in " + unified
                + " (its cgroup.controllers lists: hugetlb), so --pids-limit cannot be enforced", e.getMessage());
        assertEquals(List.of(), fs.cgroups());
    }

    @Test
    void eachLayoutGetsItsDriverAndNoCgroupsIsAClearError() {
        Path unified = Path.of("/sys/fs/cgroup");
        Map<String, Path> v1 = Map.of("memory", Path.of("/sys/fs/cgroup/memory"));
        assertInstanceOf(CgroupV2Driver.class, CgroupDriver.forLayout(new CgroupLayout(CgroupLayout.Kind.V2, Optional.of(unified), Map.of())));
        assertInstanceOf(CgroupV1Driver.class, CgroupDriver.forLayout(new CgroupLayout(CgroupLayout.Kind.V1, Optional.empty(), v1)));
        assertInstanceOf(HybridCgroupDriver.class, CgroupDriver.forLayout(new CgroupLayout(CgroupLayout.Kind.HYBRID,
                Optional.of(Path.of("/sys/fs/cgroup/unified")), v1)));

        CgroupException e = assertThrows(CgroupException.class, () -> CgroupDriver.forLayout(
                new CgroupLayout(CgroupLayout.Kind.NONE, Optional.empty(), Map.of())));
        assertEquals("no cgroup file system is mounted (neither cgroup2 nor a cgroup v1 controller in /proc/self/mountinfo):"
                + " mount one, e.g. mount -t cgroup2 none /sys/fs/cgroup", e.getMessage());
    }
}
