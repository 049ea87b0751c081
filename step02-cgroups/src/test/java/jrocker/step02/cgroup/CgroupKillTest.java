package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Cgroup#killAll}: the order of the kernel operations on v2 and v1, against {@link FakeCgroupfs}. */
class CgroupKillTest {
    @TempDir
    Path tmp;

    /** The SIGKILLs sent, and the control writes around them, in one list. */
    private final List<String> events = new ArrayList<>();

    @Test
    void onV2OneWriteToCgroupKillEndsEveryProcessAndNoSignalIsSentByHand() {
        FakeContainerCgroups host = FakeContainerCgroups.v2(tmp, "c1");
        host.add(4242);
        host.add(4243);

        host.cgroup().killAll(pid -> events.add("kill " + pid));

        assertEquals(List.of("cgroup.kill 1"), host.controlWrites().subList(host.controlWrites().size() - 1,
                host.controlWrites().size()));
        assertEquals(List.of(), events, "the kernel does the killing");
        assertEquals(Set.of(), host.cgroup().processes(), "every process of the cgroup is gone");
    }

    @Test
    void onV1TheCgroupIsFrozenWhileEachProcessIsKilledThenThawed() {
        FakeContainerCgroups host = FakeContainerCgroups.v1(tmp, "c1");
        host.add(4242);
        host.add(4243);
        int before = host.controlWrites().size();

        host.cgroup().killAll(pid -> {
            events.add(host.controlWrites().get(host.controlWrites().size() - 1) + ", then kill " + pid);
            host.exit(pid);
        });

        assertEquals(List.of("freezer.state FROZEN, then kill 4242", "freezer.state FROZEN, then kill 4243"), events,
                "every SIGKILL is sent while the cgroup is frozen: no fork, no exit, no reused PID meanwhile");
        assertEquals(List.of("freezer.state FROZEN", "freezer.state THAWED"),
                host.controlWrites().subList(before, host.controlWrites().size()), "thawed at the end, so they can die");
        assertEquals(Set.of(), host.cgroup().processes());
    }

    @Test
    void onV1TheCgroupIsThawedEvenWhenASignalFails() {
        FakeContainerCgroups host = FakeContainerCgroups.v1(tmp, "c1");
        host.add(4242);
        int before = host.controlWrites().size();

        try {
            host.cgroup().killAll(pid -> {
                throw new IllegalStateException("EPERM");
            });
        } catch (IllegalStateException expected) {
            events.add(expected.getMessage());
        }

        assertEquals(List.of("EPERM"), events);
        assertEquals(List.of("freezer.state FROZEN", "freezer.state THAWED"),
                host.controlWrites().subList(before, host.controlWrites().size()),
                "a cgroup left frozen would hang its processes forever");
    }
}
