package jrocker.step05.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jrocker.step01.container.ContainerException;
import jrocker.step02.cgroup.FakeContainerCgroups;
import jrocker.step05.linux.RecordingLifecycleSyscalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stop, kill and rm -f without root: the "container" is a {@code sleep} child of the test, its cgroup is on a
 * pretend cgroupfs (v2 or v1), and the recording syscalls double decides whether a signal makes it go.
 */
class ContainerSignalsTest {
    private static final String ID = "cd".repeat(32);

    @TempDir
    Path dataRoot;

    @TempDir
    Path cgroupfs;

    private Process pid1;
    private ContainerRecord record;

    @AfterEach
    void killTheSleep() {
        if (pid1 != null) {
            pid1.destroyForcibly();
        }
    }

    /** A record written down as running, whose PID 1 is a live {@code sleep 60} and whose monitor lives. */
    private ContainerRecord running() throws Exception {
        pid1 = new ProcessBuilder("sleep", "60").start();
        record = ContainerRecord.create(dataRoot.resolve("containers").resolve(ID), new ContainerConfig(ID,
                "stuck", "busybox", "sha256:00", List.of("sleep", "60"), List.of("PATH=/bin"), "", "cdcdcdcdcdcd",
                Instant.now(), false, true, false, List.of()));
        long pid = pid1.pid();
        long monitor = ProcessHandle.current().pid(); // the test plays the monitor, which writes exit-status
        record.writeState(record.state().watchedBy(monitor, ProcessStartTime.of(monitor).getAsLong())
                .running(pid, ProcessStartTime.of(pid).getAsLong(), Instant.now()));
        assertTrue(record.status().running(), "the sleep is the container's PID 1");
        return record;
    }

    /** The container's PID 1 ends, and its monitor writes {@code status}, {@code delay} from now. */
    private void endsAfter(Duration delay, int status) {
        Thread end = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                pid1.destroyForcibly().waitFor();
                // written aside and renamed into place, as the monitor does
                Path aside = Files.writeString(record.directory().resolve("exit-status.tmp"), status + "\n");
                Files.move(aside, record.directory().resolve(ContainerRecord.EXIT_STATUS),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        end.start();
    }

    /** A double whose pidfd signals end PID 1 when they are {@code ending} (other signals are ignored, as PID 1 does). */
    private RecordingLifecycleSyscalls pid1EndingOn(int ending, int status, Duration delay) {
        return new RecordingLifecycleSyscalls() {
            @Override
            public void pidfdSendSignal(int pidfd, int signal) {
                super.pidfdSendSignal(pidfd, signal);
                if (signal == ending) {
                    endsAfter(delay, status);
                }
            }
        };
    }

    private List<String> pidfdSignal(int signal) {
        return List.of("pidfd_open(" + pid1.pid() + ", 0)", "pidfd_send_signal(100, " + signal + ", NULL, 0)", "close(100)");
    }

    private ContainerSignals signals(RecordingLifecycleSyscalls syscalls, FakeContainerCgroups cgroup) {
        return new ContainerSignals(syscalls, id -> Optional.of(cgroup.cgroup()), Duration.ofSeconds(1));
    }

    @Test
    @Tag("stop-escalation")
    void onCgroupV2StopAsksPid1ByPidfdThenKillsTheWholeCgroup() throws Exception {
        running();
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls(); // PID 1 ignores SIGTERM
        FakeContainerCgroups cgroup = FakeContainerCgroups.v2(cgroupfs, ID).onKill(pid -> endsAfter(Duration.ZERO, 137));
        cgroup.add(pid1.pid());

        assertEquals(Signals.SIGKILL, signals(syscalls, cgroup).stop(record, Duration.ZERO));

        assertEquals(pidfdSignal(Signals.SIGTERM), syscalls.calls(), "SIGTERM to PID 1 alone; no kill(2) by PID at all");
        assertEquals("cgroup.kill 1", cgroup.controlWrites().get(cgroup.controlWrites().size() - 1),
                "then the kernel kills every process of the cgroup");
        assertEquals(137, record.status().exitCode());
        assertEquals(Set.of(), syscalls.openPidfds(), "every pidfd is closed");
    }

    @Test
    @Tag("stop-escalation")
    void onCgroupV1StopKillsEachProcessOfTheFrozenCgroup() throws Exception {
        running();
        FakeContainerCgroups cgroup = FakeContainerCgroups.v1(cgroupfs, ID);
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls() {
            @Override
            public void kill(long pid, int signal) {
                super.kill(pid, signal);
                cgroup.exit(pid);
                endsAfter(Duration.ZERO, 137);
            }
        };
        cgroup.add(pid1.pid());
        int writesBefore = cgroup.controlWrites().size();

        assertEquals(Signals.SIGKILL, signals(syscalls, cgroup).stop(record, Duration.ZERO));

        List<String> expected = new java.util.ArrayList<>(pidfdSignal(Signals.SIGTERM));
        expected.add("kill(" + pid1.pid() + ", 9)");
        assertEquals(expected, syscalls.calls());
        assertEquals(List.of("freezer.state FROZEN", "freezer.state THAWED"),
                cgroup.controlWrites().subList(writesBefore, cgroup.controlWrites().size()), "killed while frozen");
        assertEquals(137, record.status().exitCode());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatOutlivesSigkillIsAOneLineContainerErrorNotAnInternalOne() throws Exception {
        running();
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        FakeContainerCgroups cgroup = FakeContainerCgroups.v2(cgroupfs, ID); // its cgroup.kill ends nothing real: "stuck"
        ContainerSignals signals = signals(syscalls, cgroup);

        ContainerException killed = assertThrows(ContainerException.class, () -> signals.kill(record));
        assertEquals("container cdcdcdcdcdcd did not exit 1 s after SIGKILL (a process stuck in the kernel, state D?)",
                killed.getMessage());
        ContainerException stopped = assertThrows(ContainerException.class, () -> signals.stop(record, Duration.ZERO),
                "stop kills after its grace period the same way, so stop a b goes on with b");
        assertEquals(killed.getMessage(), stopped.getMessage());
        assertEquals(List.of("cgroup.kill 1", "cgroup.kill 1"), cgroup.controlWrites().stream()
                .filter(write -> write.startsWith("cgroup.kill")).toList());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatHandlesSigtermWithinItsGraceIsStoppedBySigtermAlone() throws Exception {
        running();
        // a PID 1 with a handler: it takes a moment to clean up, then exits
        RecordingLifecycleSyscalls syscalls = pid1EndingOn(Signals.SIGTERM, 0, Duration.ofMillis(300));
        FakeContainerCgroups cgroup = FakeContainerCgroups.v2(cgroupfs, ID);
        int writesBefore = cgroup.controlWrites().size();
        assertEquals(Signals.SIGTERM, signals(syscalls, cgroup).stop(record, Duration.ofSeconds(10)),
                "it went within its grace period: no SIGKILL");
        assertEquals(pidfdSignal(Signals.SIGTERM), syscalls.calls());
        assertEquals(writesBefore, cgroup.controlWrites().size(), "the cgroup was not touched");
        assertEquals(0, record.status().exitCode());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatIsNotRunningGetsNoSignal() throws Exception {
        running();
        pid1.destroyForcibly().waitFor();
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "137\n");
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        assertEquals(0, signals(syscalls, FakeContainerCgroups.v2(cgroupfs, ID)).stop(record, Duration.ofSeconds(10)));
        assertEquals(List.of(), syscalls.calls(), "a PID that is no longer the container's is never signalled");
    }

    @Test
    void aPidWithAnotherStartTimeIsNeverSignalledThroughItsPidfd() throws Exception {
        running();
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        long startTime = ProcessStartTime.of(pid1.pid()).getAsLong();

        assertFalse(signals(syscalls, FakeContainerCgroups.v2(cgroupfs, ID)).signalProcess(pid1.pid(), startTime + 1,
                Signals.SIGTERM), "the PID was given to another process (another start time)");
        assertEquals(List.of("pidfd_open(" + pid1.pid() + ", 0)", "close(100)"), syscalls.calls(),
                "the start time is checked once the pidfd pins the process, and nothing is sent");
    }

    @Test
    void withoutPidfdsThePid1IsSignalledByPidAfterItsStartTimeIsChecked() throws Exception {
        running();
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls().withoutPidfds();

        assertTrue(signals(syscalls, FakeContainerCgroups.v2(cgroupfs, ID)).signal(record, 1));
        assertEquals(List.of("pidfd_open(" + pid1.pid() + ", 0)", "kill(" + pid1.pid() + ", 1)"), syscalls.calls(),
                "a kernel older than 5.3 (ENOSYS): kill(2), as before pidfds");
    }
}
