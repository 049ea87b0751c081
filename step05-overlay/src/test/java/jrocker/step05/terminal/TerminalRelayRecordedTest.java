package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.RecordingTerminalSyscalls;
import jrocker.step05.linux.WindowSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TerminalRelay}'s logic on the recording double, which plays the container's pty and the user's
 * terminal in memory: no real terminal, no child JVM. The user's terminal is raw exactly while the relay runs
 * and restored however it ends; the pty gets the user's window size, at the start and on SIGWINCH; the
 * container's last output is copied before the relay returns, and the end comes even when the container's
 * command never opened its terminal. {@link TerminalRelayTest} and {@link UserTerminalTest} show the same on
 * real ptys.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TerminalRelayRecordedTest {
    private final RecordingTerminalSyscalls syscalls = new RecordingTerminalSyscalls();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private PtyMaster containerPty() {
        return PtyMaster.openFirstInContainer(syscalls, 42);
    }

    @Test
    void theContainersLastOutputIsCopiedBeforeTheRelayReturnsItsStatus() {
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        int status = TerminalRelay.relay(master, null, screen, () -> {
            pty.containerWrites("hello\r\n");
            pty.containerWrites("last words");
            pty.containerCloses(); // the command exits right after writing
            return 7;
        });
        assertEquals(7, status);
        assertEquals("hello\r\nlast words", screen.toString(StandardCharsets.UTF_8));
        assertFalse(pty.masterOpen(), "the relay closes the master");
        assertEquals(0, pty.slavesOpen(), "and the slave it held");
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void keysGoToTheContainer() {
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        int status = TerminalRelay.relay(master, new ByteArrayInputStream("ls -l\r".getBytes(StandardCharsets.UTF_8)), screen,
                () -> {
                    await(() -> pty.typed().equals("ls -l\r"), "the keys reach the pty: " + pty.typed());
                    pty.containerCloses();
                    return 0;
                });
        assertEquals(0, status);
        assertEquals("ls -l\r", pty.typed());
    }

    @Test
    void theEndComesAtOnceEvenIfTheCommandNeverOpenedItsTerminal() {
        // The command failed before it got its terminal: no slave of the container's was ever open. The relay
        // holds one itself, so closing it ends the master's stream (EIO) instead of a wait for the drain timeout.
        PtyMaster master = containerPty();
        long start = System.nanoTime();
        int status = TerminalRelay.relay(master, null, screen, () -> 127);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(127, status);
        assertTrue(millis < TerminalRelay.DRAIN_MILLIS, "the relay waited " + millis + " ms for an output that could not come");
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void whenWaitingFailsEverythingIsClosedAndTheFailureKept() {
        PtyMaster master = containerPty();
        syscalls.pty(0).containerOpens();
        IllegalStateException failure = new IllegalStateException("the control channel broke");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> TerminalRelay.relay(master, null, screen, () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        assertFalse(syscalls.pty(0).masterOpen());
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void whenTheSlaveCannotBeHeldTheMasterIsClosedAndTheErrorSaysWhy() {
        PtyMaster master = containerPty();
        syscalls.failOn("ioctl(/proc/42/root/dev/pts/ptmx, TIOCGPTPEER", Errno.EACCES);
        SyscallException e = assertThrows(SyscallException.class, () -> TerminalRelay.relay(master, null, screen, () -> 0));
        assertEquals(Errno.EACCES, e.errno());
        assertFalse(syscalls.pty(0).masterOpen());
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void withMinusIOnATerminalItIsRawWhileRelayingAndCookedAfter() {
        syscalls.userTerminal(0, new WindowSize(24, 80)).userTerminal(1, new WindowSize(24, 80));
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        syscalls.type("echo hi\r");
        String[] during = new String[1];
        int status = TerminalRelay.relayUserTerminal(master, true, screen, () -> {
            during[0] = syscalls.settingsOf(0);
            await(() -> pty.typed().equals("echo hi\r"), "the keyboard reaches the pty: " + pty.typed());
            pty.containerCloses();
            return 0;
        });
        assertEquals(0, status);
        assertEquals("raw", during[0]);
        assertEquals("cooked", syscalls.settingsOf(0), "restored");
        assertEquals(2, syscalls.callsOn("fd 0").stream().filter(call -> call.startsWith("tcsetattr(")).count(),
                "raw once, restored once: " + syscalls.calls());
    }

    @Test
    void theUsersTerminalIsRestoredWhenTheRelayFails() {
        syscalls.userTerminal(0, new WindowSize(24, 80));
        PtyMaster master = containerPty();
        assertThrows(IllegalStateException.class, () -> TerminalRelay.relayUserTerminal(master, true, screen, () -> {
            assertEquals("raw", syscalls.settingsOf(0));
            throw new IllegalStateException("the container could not be waited for");
        }));
        assertEquals("cooked", syscalls.settingsOf(0));
        assertFalse(syscalls.pty(0).masterOpen());
    }

    @Test
    void withoutMinusIThereIsNoRawModeAndNoKeyIsRead() {
        syscalls.userTerminal(0, new WindowSize(24, 80));
        syscalls.type("not for the container");
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        TerminalRelay.relayUserTerminal(master, false, screen, () -> {
            assertEquals("cooked", syscalls.settingsOf(0));
            pty.containerCloses();
            return 0;
        });
        assertEquals("", pty.typed());
        assertTrue(syscalls.callsOn("fd 0").isEmpty(), syscalls.calls().toString());
    }

    @Test
    void whenStdinIsNoTerminalNothingIsRawAndTheSizeComesFromStdout() {
        syscalls.userTerminal(1, new WindowSize(40, 100)); // jrocker run -it ... < file, on a terminal
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        TerminalRelay.relayUserTerminal(master, true, screen, () -> {
            pty.containerCloses();
            return 0;
        });
        assertEquals(new WindowSize(40, 100), pty.size());
        assertFalse(syscalls.calls().stream().anyMatch(call -> call.startsWith("tcsetattr(")), syscalls.calls().toString());
    }

    @Test
    void withoutAnyTerminalThePtyKeepsItsSize() {
        PtyMaster master = containerPty();
        TerminalRelay.resizeToUserTerminal(master);
        assertEquals(new WindowSize(0, 0), syscalls.pty(0).size());
        assertFalse(syscalls.calls().stream().anyMatch(call -> call.contains("TIOCSWINSZ")), syscalls.calls().toString());
        master.close();
    }

    @Test
    void theWindowSizeFollowsTheUsersWindowWhileRelayingAndOnlyThen() throws Exception {
        syscalls.userTerminal(0, new WindowSize(24, 80));
        PtyMaster master = containerPty();
        RecordingTerminalSyscalls.Pty pty = syscalls.pty(0);
        pty.containerOpens();
        TerminalRelay.relayUserTerminal(master, true, screen, () -> {
            assertEquals(new WindowSize(24, 80), pty.size(), "the user's size at the start");
            syscalls.resizeUserTerminal(0, new WindowSize(50, 132));
            sendWindowChange(); // what the kernel does when the user resizes the window
            await(() -> pty.size().equals(new WindowSize(50, 132)), "the new size reaches the pty: " + pty.size());
            pty.containerCloses();
            return 0;
        });
        // After the relay, SIGWINCH is the JVM's again (ignored): nothing resizes a pty that is closed anyway.
        long resizes = syscalls.calls().stream().filter(call -> call.contains("TIOCSWINSZ")).count();
        syscalls.resizeUserTerminal(0, new WindowSize(10, 10));
        sendWindowChange();
        Thread.sleep(300);
        assertEquals(resizes, syscalls.calls().stream().filter(call -> call.contains("TIOCSWINSZ")).count());
    }

    /** SIGWINCH to this JVM, from outside, as the kernel sends it when the terminal's window changes. */
    private static void sendWindowChange() {
        try {
            Process kill = new ProcessBuilder("kill", "-WINCH", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        } catch (Exception e) {
            throw new AssertionError("cannot send SIGWINCH", e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
