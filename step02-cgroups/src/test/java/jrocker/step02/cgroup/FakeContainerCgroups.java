package jrocker.step02.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's cgroup on a pretend host ({@link FakeCgroupfs}), for later steps' tests that need one without
 * root: step05's {@code stop} and {@code rm -f} end a container through its cgroup. The host is cgroup v2 (one
 * tree, with {@code cgroup.kill}) or v1 (a tree per controller, the freezer among them).
 */
public final class FakeContainerCgroups {
    private final FakeCgroupfs fs = new FakeCgroupfs();
    private final Cgroup cgroup;

    private FakeContainerCgroups(Path tmp, String containerId, boolean v2) {
        if (v2) {
            Path root = fs.addV2Root(tmp.resolve("unified"), "cpu", "memory", "pids");
            cgroup = new CgroupV2Driver(root, fs).create(containerId, ResourceLimits.NONE);
        } else {
            Path memory = fs.addV1Root(tmp.resolve("memory"), "memory");
            Path freezer = fs.addV1Root(tmp.resolve("freezer"), "freezer");
            cgroup = new CgroupV1Driver(Map.of("memory", memory), fs).create(containerId, ResourceLimits.NONE)
                    .inEveryHierarchy(List.of(memory, freezer));
        }
    }

    /** cgroup v2, where {@code cgroup.kill} ends every process at once. */
    public static FakeContainerCgroups v2(Path tmp, String containerId) {
        return new FakeContainerCgroups(tmp, containerId, true);
    }

    /** cgroup v1 with a freezer tree. */
    public static FakeContainerCgroups v1(Path tmp, String containerId) {
        return new FakeContainerCgroups(tmp, containerId, false);
    }

    public Cgroup cgroup() {
        return cgroup;
    }

    /** Process {@code pid} joins the container's cgroup (as the init does between Ready and Go). */
    public void add(long pid) {
        cgroup.addProcess(pid);
    }

    /** Process {@code pid} exits: the kernel takes it out of every cgroup. */
    public void exit(long pid) {
        fs.exitProcess(pid);
    }

    /** Call {@code listener} for each process cgroup.kill ends (a test's real process standing in for it). */
    public FakeContainerCgroups onKill(java.util.function.LongConsumer listener) {
        fs.onKill(listener);
        return this;
    }

    /** Every write to a control file, in order, as "FILE VALUE" ("freezer.state FROZEN", "cgroup.kill 1"). */
    public List<String> controlWrites() {
        List<String> writes = new ArrayList<>();
        for (FakeCgroupfs.Write write : fs.writes()) {
            writes.add(write.file().getFileName() + " " + write.value());
        }
        return writes;
    }
}
