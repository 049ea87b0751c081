package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cgroup-layout") // the exercise these tests check (see docs/src/course)
class CgroupLayoutTest {
    private static final String ROOT = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n";

    @Test
    void pureV2() {
        CgroupLayout layout = CgroupLayout.detect(MountTable.parse(ROOT
                + "30 22 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"));
        assertEquals(CgroupLayout.Kind.V2, layout.kind());
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), layout.unifiedMount());
        assertEquals(Map.of(), layout.v1Mounts());
    }

    @Test
    void hybridLikeThisProjectsCiMachine() {
        CgroupLayout layout = CgroupLayout.detect(MountTable.parse(ROOT
                + "31 22 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
                + "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
                + "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
                + "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd\n"
                + "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"));
        assertEquals(CgroupLayout.Kind.HYBRID, layout.kind());
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), layout.unifiedMount());
        assertEquals(Map.of(
                "cpu", Path.of("/sys/fs/cgroup/cpu,cpuacct"),
                "cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct"),
                "memory", Path.of("/sys/fs/cgroup/memory")), layout.v1Mounts(), "name=systemd carries no controller");
    }

    @Test
    void pureV1AndNone() {
        assertEquals(CgroupLayout.Kind.V1, CgroupLayout.detect(MountTable.parse(ROOT
                + "35 22 0:32 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n")).kind());
        assertEquals(CgroupLayout.Kind.NONE, CgroupLayout.detect(MountTable.parse(ROOT)).kind());
    }
}
