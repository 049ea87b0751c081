package jrocker.step05.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// tag::format[]
/**
 * A container's log, {@code container.log}: what it wrote to stdout and stderr, which of the two, and when.
 * One record per line of output, in the format Kubernetes' container runtimes write (containerd, CRI-O):
 * <pre>
 *   2026-12-07T09:15:02.123456789Z stdout F hello from the container
 *   2026-12-07T09:15:02.123601204Z stderr F sh: nosuch: not found
 *   2026-12-07T09:15:03.000020871Z stdout P Password:
 * </pre>
 * the time the runtime read it (UTC, nanoseconds), the stream, {@code F} for a full line or {@code P} for a
 * part of one (output that did not end in a newline when it was read: a prompt), then the bytes as written,
 * without the newline. A line longer than the pipe's buffer, or one written in pieces, is several records:
 * P, P, ..., F; {@code logs} joins them. The bytes are not escaped, so the log reads with {@code cat} and
 * {@code grep}, and a program's output that is not text comes back byte for byte (a newline in it ends a
 * record, and is restored by the F).
 */
public final class ContainerLog implements AutoCloseable {
    /** Which of the container's output streams a record came from. */
    public enum Stream {
        STDOUT, STDERR;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
    // end::format[]

    private final OutputStream file;
    private final Clock clock;

    private ContainerLog(OutputStream file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Append to the log at {@code path}, created if missing. */
    public static ContainerLog appendingTo(Path path) throws IOException {
        return appendingTo(path, Clock.systemUTC());
    }

    static ContainerLog appendingTo(Path path, Clock clock) throws IOException {
        return new ContainerLog(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), clock);
    }

    /** A log written to {@code out} (tests). */
    static ContainerLog writingTo(OutputStream out, Clock clock) {
        return new ContainerLog(out, clock);
    }

    // tag::write[]
    /**
     * Record {@code length} bytes the container wrote to {@code stream}, as read just now: a record per line,
     * the last one partial (P) unless the bytes end with a newline. One write(2) per call, to a file opened
     * with O_APPEND: records of stdout and stderr never interleave inside a line, whoever else appends.
     */
    public synchronized void write(Stream stream, byte[] bytes, int offset, int length) throws IOException {
        String prefix = DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " " + stream.label() + " ";
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream records = new ByteArrayOutputStream(length + 64);
        int lineStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                records.write(head);
                records.write('F');
                records.write(' ');
                records.write(bytes, lineStart, i - lineStart);
                records.write('\n');
                lineStart = i + 1;
            }
        }
        if (lineStart < end) {
            records.write(head);
            records.write('P');
            records.write(' ');
            records.write(bytes, lineStart, end - lineStart);
            records.write('\n');
        }
        file.write(records.toByteArray());
        file.flush();
    }
    // end::write[]

    /** What is written to the returned stream is recorded as {@code stream}'s output, each write as it comes. */
    public OutputStream stream(Stream stream) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ContainerLog.this.write(stream, bytes, offset, length);
            }
        };
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /**
     * One record of a log.
     *
     * @param time    when it was read; null for a line that is not a record (a log written before this format)
     * @param partial P: the line goes on in the next record of the same stream
     * @param bytes   what the container wrote, without the newline
     */
    public record Entry(Instant time, Stream stream, boolean partial, byte[] bytes) {
    }

    /** The records of {@code log}, in order: each line a record; a line that is none is stdout text of unknown time. */
    public static List<Entry> parse(byte[] log) {
        List<Entry> entries = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] == '\n') {
                entries.add(parseLine(log, lineStart, i));
                lineStart = i + 1;
            }
        }
        return entries; // a last line without a newline is a record still being written: not yet
    }

    /** How many bytes of {@code log} {@link #parse} reads: up to and with the last newline. */
    public static int complete(byte[] log) {
        for (int i = log.length - 1; i >= 0; i--) {
            if (log[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    static Entry parseLine(byte[] log, int start, int end) {
        int firstSpace = indexOf(log, start, end, (byte) ' ');
        int secondSpace = firstSpace < 0 ? -1 : indexOf(log, firstSpace + 1, end, (byte) ' ');
        int thirdSpace = secondSpace < 0 ? -1 : indexOf(log, secondSpace + 1, end, (byte) ' ');
        Optional<Entry> entry = thirdSpace == secondSpace + 2 ? record(log, start, firstSpace, secondSpace, end) : Optional.empty();
        return entry.orElseGet(() -> new Entry(null, Stream.STDOUT, false, java.util.Arrays.copyOfRange(log, start, end)));
    }

    private static Optional<Entry> record(byte[] log, int start, int firstSpace, int secondSpace, int end) {
        String stream = new String(log, firstSpace + 1, secondSpace - firstSpace - 1, StandardCharsets.US_ASCII);
        byte tag = log[secondSpace + 1];
        if (!(stream.equals("stdout") || stream.equals("stderr")) || !(tag == 'F' || tag == 'P')) {
            return Optional.empty();
        }
        try {
            Instant time = Instant.parse(new String(log, start, firstSpace - start, StandardCharsets.US_ASCII));
            return Optional.of(new Entry(time, stream.equals("stdout") ? Stream.STDOUT : Stream.STDERR, tag == 'P',
                    java.util.Arrays.copyOfRange(log, secondSpace + 3, end)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
