package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.linux.MountTable;
import jrocker.step04.linux.RecordingPivotRootSyscalls;
import org.junit.jupiter.api.Test;

class MountCgroupFsTest {
    private static final String HYBRID = String.join("\n",
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate", "");

    @Test
    void aHybridHostsHierarchiesAreMountedUnderAReadOnlyTmpfs() {
        MountCgroupFs stage = MountCgroupFs.ofHost(MountTable.parse(HYBRID), true);
        assertEquals(List.of(new MountCgroupFs.Hierarchy("cpu,cpuacct", "cgroup", "cpu,cpuacct"),
                new MountCgroupFs.Hierarchy("memory", "cgroup", "memory"),
                new MountCgroupFs.Hierarchy("systemd", "cgroup", "xattr,name=systemd"),
                new MountCgroupFs.Hierarchy("unified", "cgroup2", null)), stage.hierarchies());
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        stage.run(syscalls);
        List<String> calls = syscalls.calls();
        assertEquals("mount(tmpfs, /sys/fs/cgroup, tmpfs, MS_NOSUID|MS_NODEV|MS_NOEXEC, mode=755,size=64k)", calls.get(0));
        assertEquals(List.of("mkdir(/sys/fs/cgroup/memory, 0555)",
                "mount(cgroup, /sys/fs/cgroup/memory, cgroup, MS_NOSUID|MS_NODEV|MS_NOEXEC, memory)",
                "mount(null, /sys/fs/cgroup/memory, null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND, null)"),
                calls.subList(4, 7));
        assertEquals("mount(null, /sys/fs/cgroup, null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND, null)",
                calls.get(calls.size() - 1), "the tmpfs last: the directories are made by then");
    }

    @Test
    void aCgroupV2HostMountsOneTree() {
        MountCgroupFs stage = MountCgroupFs.ofHost(MountTable.parse(
                "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"), false);
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        stage.run(syscalls);
        assertEquals(List.of("mount(cgroup2, /sys/fs/cgroup, cgroup2, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"), syscalls.calls(),
                "--privileged: writable");
    }
}
