package jrocker.step05.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerLogTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:15:02.123456789Z");

    private static byte[] written(Object... streamsAndTexts) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ContainerLog log = ContainerLog.writingTo(file, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < streamsAndTexts.length; i += 2) {
            byte[] text = ((String) streamsAndTexts[i + 1]).getBytes(StandardCharsets.UTF_8);
            log.write((ContainerLog.Stream) streamsAndTexts[i], text, 0, text.length);
        }
        return file.toByteArray();
    }

    @Test
    void eachLineIsARecordWithItsTimeAndStreamAndAPartialLastPiece() throws IOException {
        byte[] log = written(ContainerLog.Stream.STDOUT, "one\ntwo\nPassword: ", ContainerLog.Stream.STDERR, "oops\n");
        assertEquals("""
                2026-12-07T09:15:02.123456789Z stdout F one
                2026-12-07T09:15:02.123456789Z stdout F two
                2026-12-07T09:15:02.123456789Z stdout P Password:\s
                2026-12-07T09:15:02.123456789Z stderr F oops
                """, new String(log, StandardCharsets.UTF_8));
    }

    @Test
    void linesWrittenInPiecesAreJoinedAgainPerStream() throws IOException {
        byte[] log = written(ContainerLog.Stream.STDOUT, "hel", ContainerLog.Stream.STDERR, "warn\n",
                ContainerLog.Stream.STDOUT, "lo\nrest");
        List<LogLines.Line> lines = LogLines.of(ContainerLog.parse(log));
        assertEquals(3, lines.size());
        assertEquals("warn", new String(lines.get(0).bytes(), StandardCharsets.UTF_8));
        assertEquals(ContainerLog.Stream.STDERR, lines.get(0).stream());
        assertEquals("hello", new String(lines.get(1).bytes(), StandardCharsets.UTF_8));
        assertTrue(lines.get(1).complete());
        assertEquals("rest", new String(lines.get(2).bytes(), StandardCharsets.UTF_8));
        assertFalse(lines.get(2).complete(), "output that has not ended in a newline is printed without one");
        assertEquals(NOW, lines.get(1).time());
    }

    @Test
    void aRecordStillBeingWrittenIsNotReadYet() throws IOException {
        byte[] log = written(ContainerLog.Stream.STDOUT, "done\n", ContainerLog.Stream.STDOUT, "half\n");
        byte[] torn = java.util.Arrays.copyOf(log, log.length - 3);
        assertEquals(log.length / 2, ContainerLog.complete(torn));
        assertEquals(1, ContainerLog.parse(torn).size());
    }

    @Test
    void aLogFromBeforeTheFormatReadsAsStdoutOfUnknownTime() {
        List<ContainerLog.Entry> entries = ContainerLog.parse("plain old line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, entries.size());
        assertNull(entries.get(0).time());
        assertArrayEquals("plain old line".getBytes(StandardCharsets.UTF_8), entries.get(0).bytes());
    }

    @Test
    void printingWithTimestampsPutsTheTimeFirst() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LogLines.Line(NOW, ContainerLog.Stream.STDOUT, "hi".getBytes(StandardCharsets.UTF_8), true).print(out, true);
        assertEquals("2026-12-07T09:15:02.123456789Z hi\n", out.toString(StandardCharsets.UTF_8));
    }

    /** Whatever bytes a container writes, in whatever chunks, the log gives back each stream's bytes exactly. */
    @Test
    void everyStreamComesBackByteForByteHoweverItWasChunked() {
        qt().forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 200), integers().between(1, 17))
                .checkAssert((values, chunk) -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (values.get(i) % 3 == 0 ? '\n' : values.get(i)); // many newlines
                    }
                    ByteArrayOutputStream file = new ByteArrayOutputStream();
                    ContainerLog log = ContainerLog.writingTo(file, Clock.fixed(NOW, ZoneOffset.UTC));
                    try {
                        for (int i = 0; i < bytes.length; i += chunk) {
                            log.write(ContainerLog.Stream.STDOUT, bytes, i, Math.min(chunk, bytes.length - i));
                        }
                        ByteArrayOutputStream printed = new ByteArrayOutputStream();
                        for (LogLines.Line line : LogLines.of(ContainerLog.parse(file.toByteArray()))) {
                            line.print(printed, false);
                        }
                        assertArrayEquals(bytes, printed.toByteArray());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
