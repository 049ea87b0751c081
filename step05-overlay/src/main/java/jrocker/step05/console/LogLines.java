package jrocker.step05.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of a log, as {@code logs} prints them: the records of each stream joined up to their F (a line
 * written in pieces is one line again), each line stamped with the time of its first piece.
 */
public final class LogLines {
    /**
     * One line of output.
     *
     * @param time     when its first piece was read; null in a log older than its format
     * @param complete false for the last line of a stream that has not ended with a newline (yet)
     */
    public record Line(Instant time, ContainerLog.Stream stream, byte[] bytes, boolean complete) {
        /** Print it to {@code out}, with its time first when {@code timestamps} ({@code logs -t}). */
        public void print(OutputStream out, boolean timestamps) throws IOException {
            if (timestamps && time != null) {
                out.write((DateTimeFormatter.ISO_INSTANT.format(time) + " ").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(bytes);
            if (complete) {
                out.write('\n');
            }
        }
    }

    /** The pieces of each stream's line so far. */
    private final Map<ContainerLog.Stream, List<ContainerLog.Entry>> pending = new EnumMap<>(ContainerLog.Stream.class);

    /** The lines {@code entry} completes: none for a P, one for an F. */
    public List<Line> add(ContainerLog.Entry entry) {
        List<ContainerLog.Entry> pieces = pending.computeIfAbsent(entry.stream(), stream -> new ArrayList<>());
        pieces.add(entry);
        if (entry.partial()) {
            return List.of();
        }
        pending.remove(entry.stream());
        return List.of(join(pieces, true));
    }

    /** The lines not complete yet, one per stream that has some. */
    public List<Line> incomplete() {
        List<Line> lines = new ArrayList<>();
        pending.values().forEach(pieces -> lines.add(join(pieces, false)));
        return lines;
    }

    /** Every line of {@code entries}, in the order they were completed, then the incomplete ones. */
    public static List<Line> of(List<ContainerLog.Entry> entries) {
        LogLines joiner = new LogLines();
        List<Line> lines = new ArrayList<>();
        for (ContainerLog.Entry entry : entries) {
            lines.addAll(joiner.add(entry));
        }
        lines.addAll(joiner.incomplete());
        return lines;
    }

    private static Line join(List<ContainerLog.Entry> pieces, boolean complete) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (ContainerLog.Entry piece : pieces) {
            bytes.writeBytes(piece.bytes());
        }
        ContainerLog.Entry first = pieces.get(0);
        return new Line(first.time(), first.stream(), bytes.toByteArray(), complete);
    }
}
