package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.RecordingTerminalSyscalls;
import jrocker.step05.linux.TerminalSyscalls;
import jrocker.step05.linux.WindowSize;
import org.junit.jupiter.api.Test;

/**
 * {@link PtyMaster}'s decisions, on the recording double: the calls a new pty takes and in which order, what is
 * closed when one of them fails, the check that the container's first pty is {@code /dev/pts/0}, and the way to
 * the slave on a kernel without TIOCGPTPEER. {@link PtyMasterTest} shows the same class on real ptys.
 */
class PtyMasterRecordedTest {
    private static final String PTMX = "/proc/42/root/dev/pts/ptmx";
    private final RecordingTerminalSyscalls syscalls = new RecordingTerminalSyscalls();

    @Test
    void aNewPtyIsOpenedThenUnlockedThenAskedForItsNumber() {
        try (PtyMaster master = PtyMaster.openFirstInContainer(syscalls, 42)) {
            assertEquals("/dev/pts/0", master.slavePath());
            assertEquals(List.of(
                    "open(" + PTMX + ", O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK)",
                    "ioctl(" + PTMX + ", TIOCSPTLCK, 0)",
                    "ioctl(" + PTMX + ", TIOCGPTN, &n)"), syscalls.calls());
        }
        assertEquals("close(" + PTMX + ")", syscalls.calls().get(3));
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void whenUnlockingOrNumberingFailsTheMasterIsClosedAndTheCallNamed() {
        for (String failing : List.of("ioctl(" + PTMX + ", TIOCSPTLCK", "ioctl(" + PTMX + ", TIOCGPTN")) {
            RecordingTerminalSyscalls failingSyscalls = new RecordingTerminalSyscalls();
            failingSyscalls.failOn(failing, TerminalSyscalls.ENOTTY);
            SyscallException e = assertThrows(SyscallException.class, () -> PtyMaster.open(failingSyscalls, Path.of(PTMX)));
            assertTrue(e.getMessage().startsWith(failing), e.getMessage());
            assertEquals("close(" + PTMX + ")", failingSyscalls.calls().get(failingSyscalls.calls().size() - 1), failing);
            assertEquals(0, failingSyscalls.openDescriptors(), "no descriptor leaks when " + failing + " fails");
        }
    }

    @Test
    void aFileThatIsNoPtyMultiplexerIsRefusedAndClosed() {
        SyscallException e = assertThrows(SyscallException.class, () -> PtyMaster.open(syscalls, Path.of("/dev/null")));
        assertEquals(TerminalSyscalls.ENOTTY, e.errno());
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void aContainerWhoseFirstPtyIsNotNumberZeroIsRefusedAndItsMasterClosed() {
        syscalls.nextPtyNumber(3); // a devpts that is not a fresh instance: the plan's /dev/pts/0 is someone else's
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PtyMaster.openFirstInContainer(syscalls, 42));
        assertTrue(e.getMessage().contains("/dev/pts/3, not /dev/pts/0"), e.getMessage());
        assertEquals(0, syscalls.openDescriptors());
    }

    @Test
    void theSlaveIsOpenedThroughTheMasterWhereTheKernelCan() {
        try (PtyMaster master = PtyMaster.openFirstInContainer(syscalls, 42); PtySlave slave = master.openSlave()) {
            assertEquals(1, syscalls.pty(0).slavesOpen());
            assertTrue(syscalls.calls().contains("ioctl(" + PTMX + ", TIOCGPTPEER, O_RDWR|O_NOCTTY|O_CLOEXEC)"), syscalls.calls().toString());
        }
        assertEquals(0, syscalls.pty(0).slavesOpen());
    }

    @Test
    void onAnOlderKernelTheSlaveIsOpenedByItsPathBesidePtmx() {
        syscalls.withoutPtyPeer();
        try (PtyMaster master = PtyMaster.openFirstInContainer(syscalls, 42); PtySlave slave = master.openSlave()) {
            assertEquals(1, syscalls.pty(0).slavesOpen());
            assertTrue(syscalls.calls().contains("open(/proc/42/root/dev/pts/0, O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK)"),
                    syscalls.calls().toString());
        }
    }

    @Test
    void anotherFailureOfTiocgptpeerIsNotMistakenForAnOldKernel() {
        syscalls.failOn("ioctl(" + PTMX + ", TIOCGPTPEER", Errno.EACCES);
        try (PtyMaster master = PtyMaster.openFirstInContainer(syscalls, 42)) {
            SyscallException e = assertThrows(SyscallException.class, master::openSlave);
            assertEquals(Errno.EACCES, e.errno());
            assertFalse(syscalls.calls().stream().anyMatch(call -> call.startsWith("open(/proc/42/root/dev/pts/0")), "no fallback");
        }
    }

    @Test
    void resizingSetsTheSizeOnTheMasterAndAClosedMasterRefusesWithoutACall() {
        PtyMaster master = PtyMaster.openFirstInContainer(syscalls, 42);
        master.resize(33, 121);
        assertEquals(new WindowSize(33, 121), syscalls.pty(0).size());
        master.close();
        master.close(); // idempotent: one close(2), never a second one on a number that may be reused
        assertEquals(1, syscalls.calls().stream().filter(call -> call.startsWith("close(")).count());
        int callsBefore = syscalls.calls().size();
        SyscallException e = assertThrows(SyscallException.class, () -> master.resize(1, 1));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals(callsBefore, syscalls.calls().size(), "no ioctl on a closed descriptor");
    }
}
