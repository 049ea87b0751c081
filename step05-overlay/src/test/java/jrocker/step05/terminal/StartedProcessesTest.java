package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jrocker.step03.rootfs.BusyboxRootfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cleanup of the terminal tests kills what a failed test leaves: processes in the session {@code setsid} made,
 * including those that are nobody's descendants any more, and nothing of the test JVM's own session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartedProcessesTest {
    private String busybox;

    @BeforeEach
    void findBusybox() throws IOException {
        busybox = BusyboxRootfs.fromHost().busybox().toString();
    }

    @Test
    void anOrphanInTheSessionSetsidMadeIsKilled() throws Exception {
        StartedProcesses started = new StartedProcesses();
        Process leader = started.start(new ProcessBuilder(busybox, "setsid", busybox, "sh", "-c",
                "\"$0\" sleep 1000 & \"$0\" sleep 1000 & wait", busybox));
        long session = leader.pid();
        await(() -> StartedProcesses.inSession(session).size() == 3, "the shell and its two sleeps in session " + session);

        // The shell dies first, as a relay JVM may before the program it started: its sleeps go to init.
        leader.destroyForcibly().waitFor();
        Set<Long> orphans = StartedProcesses.inSession(session);
        assertEquals(2, orphans.size(), "the sleeps outlive the shell");
        assertTrue(leader.descendants().findAny().isEmpty(), "and are no descendants of anything the test holds");

        started.close();
        assertEquals(Set.of(), StartedProcesses.inSession(session));
    }

    @Test
    void aSessionMadeFurtherDownIsKilledWhileItsParentLives() throws Exception {
        // The outer shell stays in the JVM's session; its child makes a session of its own, as a relay JVM's
        // program does. Found through the descendants, before anything is killed.
        StartedProcesses started = new StartedProcesses();
        Process outer = started.start(new ProcessBuilder(busybox, "sh", "-c",
                "\"$0\" setsid \"$0\" sh -c '\"$0\" sleep 1000 & \"$0\" sleep 1000' \"$0\" & wait", busybox));
        await(() -> innerSession(outer).filter(id -> StartedProcesses.inSession(id).size() >= 2).isPresent(),
                "a session under the outer shell with its two sleeps");
        long inner = innerSession(outer).orElseThrow();

        started.close();
        assertFalse(outer.isAlive());
        assertEquals(Set.of(), StartedProcesses.inSession(inner));
    }

    @Test
    void nothingOfTheTestJvmsOwnSessionIsTouched() throws Exception {
        Process bystander = new ProcessBuilder(busybox, "sleep", "1000").start(); // the JVM's session, not started through it
        try {
            StartedProcesses started = new StartedProcesses();
            Process child = started.start(new ProcessBuilder(busybox, "sleep", "1000")); // no setsid: the JVM's session too
            started.close();
            assertFalse(child.isAlive());
            assertTrue(bystander.isAlive(), "a process of the JVM's session that the test did not start");
        } finally {
            bystander.destroyForcibly();
        }
    }

    /** The session a descendant of {@code process} leads. */
    private static Optional<Long> innerSession(Process process) {
        return process.descendants().map(ProcessHandle::pid)
                .filter(pid -> StartedProcesses.stat(pid).map(stat -> stat.session() == pid).orElse(false)).findFirst();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
