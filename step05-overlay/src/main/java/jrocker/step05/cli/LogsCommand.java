package jrocker.step05.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.console.ConsoleKeeper;
import jrocker.step05.console.ContainerLog;
import jrocker.step05.console.LogLines;
import jrocker.step05.console.LogTime;
import jrocker.step05.lifecycle.ContainerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrocker logs [-f] [--tail N] [--since TIME] [--until TIME] [-t] CONTAINER}: what a container wrote to stdout and
 * stderr, each line to the stream it was written to, from its log ({@link ContainerLog}): every container has
 * one, run in the foreground or not.
 */
@Command(name = "logs", description = "Print a container's output (-f: and follow it until it exits).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the log was printed", "1:no such container",
            "125:a bad --tail, --since or --until"})
public class LogsCommand implements Callable<Integer> {
    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container exits.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
            description = "Only the last N lines (default: ${DEFAULT-VALUE}).")
    String tail;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only lines since TIME: a time (2026-12-07T09:15:02Z, 2026-12-07), Unix seconds, or a duration back from now (10m, 1h30m).")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Only lines before TIME, in the same forms as --since (10m: ten minutes ago); -f stops there.")
    String until;

    @Option(names = {"-t", "--timestamps"}, description = "Show when each line was written.")
    boolean timestamps;

    @Parameters(paramLabel = "CONTAINER", description = "The container's name, ID or ID prefix.")
    String container;

    private final DataRootOption dataRoot;

    public LogsCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    // tag::logs[]
    @Override
    public Integer call() throws IOException, InterruptedException {
        int lastLines = tailCount(tail);
        Instant from = since == null ? Instant.MIN : time("since", since);
        Instant to = until == null ? Instant.MAX : time("until", until);
        ContainerRecord record = Containers.record(dataRoot.dataRoot(), container);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        LogLines joiner = new LogLines();
        long read = 0;
        boolean first = true;
        while (true) {
            // Asked before the read: a container that has exited, and whose console has ended, wrote all its
            // output before, so the read below gets the last of it.
            // With --until, following ends once that time has passed: nothing written later would be shown.
            boolean more = follow && Instant.now().isBefore(to) && record.exists()
                    && (record.status().running() || ConsoleKeeper.serves(record.directory()));
            byte[] bytes = readFrom(record, read);
            int complete = ContainerLog.complete(bytes); // a record being written now is read next time
            read += complete;
            List<LogLines.Line> lines = new ArrayList<>();
            for (ContainerLog.Entry entry : ContainerLog.parse(java.util.Arrays.copyOf(bytes, complete))) {
                lines.addAll(joiner.add(entry));
            }
            if (!more) {
                lines.addAll(joiner.incomplete());
            }
            lines.removeIf(line -> line.time() != null && (line.time().isBefore(from) || line.time().isAfter(to)));
            if (first && lastLines >= 0 && lines.size() > lastLines) {
                lines = lines.subList(lines.size() - lastLines, lines.size());
            }
            first = false;
            for (LogLines.Line line : lines) {
                line.print(line.stream() == ContainerLog.Stream.STDERR ? err : out, timestamps);
            }
            out.flush();
            err.flush();
            if (!more) {
                return 0;
            }
            Thread.sleep(100);
        }
    }
    // end::logs[]

    /** The log from byte {@code offset} on; nothing when there is no log (a container that never wrote). */
    private static byte[] readFrom(ContainerRecord record, long offset) throws IOException {
        if (!Files.exists(record.log())) {
            return new byte[0];
        }
        try (RandomAccessFile file = new RandomAccessFile(record.log().toFile(), "r")) {
            long length = file.length() - offset;
            byte[] bytes = new byte[(int) Math.max(0, Math.min(length, Integer.MAX_VALUE - 8))];
            file.seek(offset);
            file.readFully(bytes);
            return bytes;
        }
    }

    /** --tail: "all" (-1) or a count. */
    static int tailCount(String text) {
        if (text.equals("all")) {
            return -1;
        }
        try {
            int count = Integer.parseInt(text);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw ContainerException.runtime("--tail takes a number of lines or \"all\", not \"" + text + "\"");
    }

    /** --since or --until: a time, or a duration back from now ({@link LogTime}). */
    private static Instant time(String option, String text) {
        try {
            return LogTime.parse(text, Instant.now(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime("invalid value for \"" + option + "\": " + e.getMessage());
        }
    }
}
