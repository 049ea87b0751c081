package jrocker.step05.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step05.linux.RecordingLifecycleSyscalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stop and rm -f without root: the "container" is a {@code sleep} child of the test, and the recording
 * syscalls double decides whether a kill(2) makes it go.
 */
class ContainerSignalsTest {
    @TempDir
    Path dataRoot;

    private Process pid1;

    @AfterEach
    void killTheSleep() {
        if (pid1 != null) {
            pid1.destroyForcibly();
        }
    }

    /** A record written down as running, whose PID 1 is a live {@code sleep 60}. */
    private ContainerRecord running() throws Exception {
        pid1 = new ProcessBuilder("sleep", "60").start();
        String id = "cd".repeat(32);
        ContainerRecord record = ContainerRecord.create(dataRoot.resolve("containers").resolve(id), new ContainerConfig(id,
                "stuck", "busybox", "sha256:00", List.of("sleep", "60"), List.of("PATH=/bin"), "", "cdcdcdcdcdcd",
                Instant.now(), false, true, false, List.of()));
        long pid = pid1.pid();
        record.writeState(record.state().running(pid, ProcessStartTime.of(pid).getAsLong(), Instant.now()));
        assertTrue(record.status().running(), "the sleep is the container's PID 1");
        return record;
    }

    /**
     * The kill(2) double of a PID 1 that ends on {@code ending} (and ignores other signals): {@code delay}
     * after it is sent, the sleep goes and its monitor writes {@code status}.
     */
    private RecordingLifecycleSyscalls endingOn(int ending, ContainerRecord record, int status, Duration delay) {
        return new RecordingLifecycleSyscalls() {
            @Override
            public void kill(long pid, int signal) {
                super.kill(pid, signal);
                if (signal != ending) {
                    return;
                }
                Thread end = new Thread(() -> {
                    try {
                        Thread.sleep(delay.toMillis());
                        pid1.destroyForcibly().waitFor();
                        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), status + "\n");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                end.start();
            }
        };
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatOutlivesSigkillIsAOneLineContainerErrorNotAnInternalOne() throws Exception {
        ContainerRecord record = running();
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls(); // its kill(2) kills nothing: "stuck"
        ContainerSignals signals = new ContainerSignals(syscalls, Duration.ofSeconds(1));

        ContainerException killed = assertThrows(ContainerException.class, () -> signals.kill(record));
        assertEquals("container cdcdcdcdcdcd did not exit 1 s after SIGKILL (a process stuck in the kernel, state D?)",
                killed.getMessage());
        ContainerException stopped = assertThrows(ContainerException.class, () -> signals.stop(record, Duration.ZERO),
                "stop kills after its grace period the same way, so stop a b goes on with b");
        assertEquals(killed.getMessage(), stopped.getMessage());
        assertEquals(List.of("kill(" + pid1.pid() + ", 9)", "kill(" + pid1.pid() + ", 15)", "kill(" + pid1.pid() + ", 9)"),
                syscalls.calls());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatGoesOnSigkillIsStoppedBySigkill() throws Exception {
        ContainerRecord record = running();
        // PID 1 ignores SIGTERM; SIGKILL ends it, and its monitor writes the status
        RecordingLifecycleSyscalls syscalls = endingOn(Signals.SIGKILL, record, 137, Duration.ZERO);
        assertEquals(Signals.SIGKILL, new ContainerSignals(syscalls, Duration.ofSeconds(1)).stop(record, Duration.ZERO));
        assertEquals(137, record.status().exitCode());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatHandlesSigtermWithinItsGraceIsStoppedBySigtermAlone() throws Exception {
        ContainerRecord record = running();
        // a PID 1 with a handler: it takes a moment to clean up, then exits
        RecordingLifecycleSyscalls syscalls = endingOn(Signals.SIGTERM, record, 0, Duration.ofMillis(300));
        assertEquals(Signals.SIGTERM, new ContainerSignals(syscalls, Duration.ofSeconds(1)).stop(record, Duration.ofSeconds(10)),
                "it went within its grace period: no SIGKILL");
        assertEquals(List.of("kill(" + pid1.pid() + ", 15)"), syscalls.calls());
        assertEquals(0, record.status().exitCode());
    }

    @Test
    @Tag("stop-escalation")
    void aContainerThatIsNotRunningGetsNoSignal() throws Exception {
        ContainerRecord record = running();
        pid1.destroyForcibly().waitFor();
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "137\n");
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        assertEquals(0, new ContainerSignals(syscalls, Duration.ofSeconds(1)).stop(record, Duration.ofSeconds(10)));
        assertEquals(List.of(), syscalls.calls(), "a PID that is no longer the container's is never signalled");
    }
}
