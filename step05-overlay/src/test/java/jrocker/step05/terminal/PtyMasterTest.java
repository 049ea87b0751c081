package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.WindowSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real ptys from the host's /dev/ptmx: no root needed (ptmx is open to everybody), nothing mounted. What a
 * pty does, checked end to end: bytes both ways, the line discipline's echo, the window size, the end of the
 * master's stream.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PtyMasterTest {
    private static final Path HOST_PTMX = Path.of("/dev/ptmx");

    @Test
    void theSlaveIsTheDeviceItsPathNames() throws IOException {
        try (PtyMaster master = PtyMaster.open(HOST_PTMX);
             PtySlave slave = PtySlave.open(Path.of(master.slavePath()));
             RawMode raw = slave.enterRawMode()) {
            master.output().write(bytes("typed"));
            assertEquals("typed", readExactly(slave.input(), 5));

            slave.output().write(bytes("shown"));
            assertEquals("shown", readExactly(master.input(), 5));
        }
    }

    @Test
    void inCookedModeThePtyEchoesAndTurnsNewlinesIntoCarriageReturnNewline() throws IOException {
        // What the container's shell gets before it switches modes itself: the terminal driver echoes what
        // is "typed" back to the screen (the master), and output's "\n" arrives as "\r\n".
        try (PtyMaster master = PtyMaster.open(HOST_PTMX); PtySlave slave = master.openSlave()) {
            master.output().write(bytes("hi\n"));
            assertEquals("hi\r\n", readExactly(master.input(), 4), "the echo");
            assertEquals("hi\n", readExactly(slave.input(), 3), "the line, as the program reads it");
        }
    }

    @Test
    void theSlaveSeesTheSizeSetOnTheMaster() {
        try (PtyMaster master = PtyMaster.open(HOST_PTMX); PtySlave slave = master.openSlave()) {
            master.resize(33, 121);
            assertEquals(new WindowSize(33, 121), slave.windowSize());
            master.resize(new WindowSize(50, 40000)); // unsigned shorts: more than Short.MAX_VALUE columns fit
            assertEquals(new WindowSize(50, 40000), slave.windowSize());
        }
    }

    @Test
    void theMastersStreamEndsOnceTheSlaveIsClosedAfterWhatWasWrittenBefore() throws IOException {
        try (PtyMaster master = PtyMaster.open(HOST_PTMX)) {
            try (PtySlave slave = master.openSlave(); RawMode raw = slave.enterRawMode()) {
                slave.output().write(bytes("last words"));
            }
            assertEquals("last words", new String(master.input().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(-1, master.input().read(), "still the end");
        }
    }

    @Test
    void beforeAnySlaveIsOpenTheMasterWaitsInsteadOfEnding() throws Exception {
        // No EIO until a slave has been opened and closed again: the relay may start before the container's
        // command has its side, and it holds a slave of its own so that the end comes even if it never does.
        try (PtyMaster master = PtyMaster.open(HOST_PTMX)) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return master.input().read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(3L * PolledFd.POLL_MILLIS);
            assertTrue(!read.isDone(), "read must still wait");
            master.close();
            assertEquals(-1, read.get(5, TimeUnit.SECONDS), "closing the master ends a read in progress");
        }
    }

    @Test
    void aClosedMasterRefusesWritesInsteadOfWritingToAReusedDescriptor() {
        PtyMaster master = PtyMaster.open(HOST_PTMX);
        master.close();
        master.close(); // idempotent
        assertThrows(IOException.class, () -> master.output().write(bytes("x")));
        assertThrows(SyscallException.class, () -> master.resize(1, 1));
    }

    @Test
    void aFileThatIsNoPtyMultiplexerIsRefusedNamingTheCall() {
        SyscallException e = assertThrows(SyscallException.class, () -> PtyMaster.open(Path.of("/dev/null")));
        assertTrue(e.getMessage().startsWith("ioctl(/dev/null, TIOCSPTLCK, 0) failed"), e.getMessage());
    }

    @Test
    void aMissingPtmxIsReportedWithItsPath() {
        SyscallException e = assertThrows(SyscallException.class, () -> PtyMaster.open(Path.of("/nonexistent/ptmx")));
        assertEquals("open(/nonexistent/ptmx, O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK) failed: ENOENT (No such file or directory)",
                e.getMessage());
    }

    @Test
    void inRawModeEveryByteArrivesUnchanged() {
        // Raw mode is what the user's terminal is switched to during run -it: nothing may be eaten or
        // translated, not Ctrl-C (3), not XOFF (19), not "\r" nor "\n".
        try (PtyMaster master = PtyMaster.open(HOST_PTMX); PtySlave slave = master.openSlave(); RawMode raw = slave.enterRawMode()) {
            qt().withExamples(60).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(1, 300))
                .checkAssert(values -> {
                    byte[] sent = new byte[values.size()];
                    for (int i = 0; i < sent.length; i++) {
                        sent[i] = (byte) (int) values.get(i);
                    }
                    try {
                        master.output().write(sent);
                        assertArrayEquals(sent, readBytes(slave.input(), sent.length), "keyboard to program");
                        slave.output().write(sent);
                        assertArrayEquals(sent, readBytes(master.input(), sent.length), "program to screen");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        }
    }

    @Test
    void aSlaveBesidePtmxIsFoundWhereverDevptsIsMounted() {
        assertEquals(Path.of("/dev/pts/3"), PtyMaster.slaveBeside(Path.of("/dev/ptmx"), 3));
        assertEquals(Path.of("/dev/pts/3"), PtyMaster.slaveBeside(Path.of("/dev/pts/ptmx"), 3));
        assertEquals(Path.of("/proc/42/root/dev/pts/0"), PtyMaster.slaveBeside(PtyMaster.containerPtmx(42), 0));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String readExactly(InputStream in, int count) throws IOException {
        return new String(readBytes(in, count), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(InputStream in, int count) throws IOException {
        byte[] read = in.readNBytes(count);
        assertEquals(count, read.length, "the stream ended early");
        return read;
    }
}
