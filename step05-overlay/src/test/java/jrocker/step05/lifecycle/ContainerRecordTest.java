package jrocker.step05.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's record without a container: states written and read back, and the status found out. */
class ContainerRecordTest {
    @TempDir
    Path dataRoot;

    private ContainerRecord created() throws Exception {
        String id = "ab".repeat(32);
        return ContainerRecord.create(dataRoot.resolve("containers").resolve(id), new ContainerConfig(id, "web", "busybox",
                "sha256:00", List.of("sh", "-c", "sleep 1"), List.of("PATH=/bin"), "", "abababababab",
                Instant.parse("2026-11-29T10:00:00Z"), false, true, false, List.of("/srv:/data:ro")));
    }

    @Test
    @Tag("container-status")
    void configAndStateReadBackAsWritten() throws Exception {
        ContainerRecord record = created();
        assertEquals("web", record.config().name());
        assertEquals(List.of("sh", "-c", "sleep 1"), record.config().argv());
        assertEquals(List.of("/srv:/data:ro"), record.config().volumes());
        assertEquals(ContainerState.created(), record.state());
        assertEquals("Created", record.status().describe(Instant.now()));
        try (Stream files = new Stream(record.directory())) {
            assertEquals(List.of("config.json", "state.json"), files.names(), "written atomically: no temporary file left");
        }
    }

    @Test
    @Tag("container-status")
    void aRunningContainerIsOneWhosePid1IsAliveWithTheRecordedStartTime() throws Exception {
        ContainerRecord record = created();
        long me = ProcessHandle.current().pid();
        long myStart = ProcessStartTime.of(me).getAsLong();
        record.writeState(record.state().running(me, myStart, Instant.now()));
        assertTrue(record.status().running(), "alive, same start time");

        record.writeState(record.state().running(me, myStart + 1, Instant.now()));
        ContainerStatus reused = record.status();
        assertFalse(reused.running(), "a reused PID (another start time) is never taken for the container");
        assertEquals("Exited (unknown)", reused.describe(Instant.now()), "it died with no one to record how");
    }

    @Test
    @Tag("container-status")
    void theMonitorsExitStatusFileSaysHowPid1EndedOnceItIsGone() throws Exception {
        ContainerRecord record = created();
        Process pid1 = new ProcessBuilder("true").start();
        pid1.waitFor();
        record.writeState(record.state().running(pid1.pid(), 4242, Instant.now()));
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "137\n");
        ContainerStatus status = record.status();
        assertEquals(ContainerState.EXITED, status.state());
        assertEquals(137, status.exitCode());
        assertTrue(status.describe(Instant.now()).startsWith("Exited (137) "), status.toString());
    }

    @Test
    @Tag("container-status")
    void aLivePid1WinsOverTheMonitorsExitStatusFile() throws Exception {
        ContainerRecord record = created();
        long me = ProcessHandle.current().pid();
        record.writeState(record.state().running(me, ProcessStartTime.of(me).getAsLong(), Instant.now()));
        // The monitor's child (busybox unshare) was killed: the monitor wrote 137, but PID 1 lives on.
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "137\n");
        assertTrue(record.status().running(), "the status comes from the processes that exist");
    }

    @Test
    @Tag("container-status")
    void aCreatedContainerWhoseMonitorEndedIsExitedWithItsStatus() throws Exception {
        ContainerRecord record = created();
        assertEquals("Created", record.status().describe(Instant.now()));
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "125\n");
        assertEquals(125, record.status().exitCode(), "its init never ran the command: the monitor's status");
    }

    @Test
    @Tag("container-status")
    void anExitedStateIsFinal() throws Exception {
        ContainerRecord record = created();
        long me = ProcessHandle.current().pid();
        Instant finished = Instant.parse("2026-11-29T10:05:00Z");
        record.writeState(record.state().running(me, ProcessStartTime.of(me).getAsLong(), Instant.now())
                .exited(3, true, finished));
        // Once written down as exited, nothing found out later changes it: neither a PID 1 that looks alive
        // (here, this very process) nor an exit-status file with another code.
        Files.writeString(record.directory().resolve(ContainerRecord.EXIT_STATUS), "137\n");
        ContainerStatus status = record.status();
        assertEquals(ContainerState.EXITED, status.state());
        assertEquals(3, status.exitCode(), "the recorded exit code, not the file's 137");
        assertEquals(finished, status.since(), "the recorded time, not the file's");
        assertTrue(record.state().oomKilled());
    }

    @Test
    @Tag("name-claim")
    void aNameGoesToExactlyOneOfManyContainersClaimingItAtOnce() throws Exception {
        ContainerNames names = new ContainerNames(dataRoot);
        Path containers = dataRoot.resolve("containers");
        int claimants = 16;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            String id = String.format("%064x", i);
            Files.createDirectories(containers.resolve(id));
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    names.claim("web", id, containers);
                    winners.add(id);
                } catch (ContainerNames.NameInUseException lost) {
                    // expected for all but one
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, winners.size(), "one winner: " + winners);
        assertEquals(winners.peek(), names.lookup("web").orElseThrow());
    }

    @Test
    @Tag("name-claim")
    void aNameWhoseContainerIsGoneIsTakenOverAndInvalidNamesAreRefused() throws Exception {
        ContainerNames names = new ContainerNames(dataRoot);
        Path containers = dataRoot.resolve("containers");
        names.claim("web", "a".repeat(64), containers); // no such container directory: a leftover
        names.claim("web", "b".repeat(64), containers);
        assertEquals("b".repeat(64), names.lookup("web").orElseThrow());
        assertTrue(ContainerNames.invalid("bad/name").isPresent());
        assertTrue(ContainerNames.invalid("-dash").isPresent());
        assertTrue(ContainerNames.invalid("ok_name-1.2").isEmpty());
        assertThrows(ContainerNames.NameInUseException.class, () -> {
            Files.createDirectories(containers.resolve("b".repeat(64)));
            names.claim("web", "c".repeat(64), containers);
        });
    }

    /** The file names in a directory, sorted. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        Stream(Path directory) throws java.io.IOException {
            files = Files.list(directory);
        }

        List<String> names() {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
