package jrocker.step01.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The book's shell transcripts ({@code docs/src/docs/asciidoc/transcripts/stepNN-*.txt}), run for real.
 * A transcript is a sequence of {@code $ sudo ./jrocker ARGS} lines, each optionally ending in
 * {@code ; echo "exit status $?"}, and each followed by what it prints (stdout, then stderr). Each
 * step's tests compare {@link #expected} with {@link #actual}, so a change in jrocker's output fails the
 * build instead of leaving the book wrong.
 */
public final class BookTranscripts {
    /** Where the transcripts are, seen from a step module's directory (where Maven runs its tests). */
    public static final Path DIRECTORY = Path.of("..", "docs", "src", "docs", "asciidoc", "transcripts");
    private static final String PROMPT = "$ sudo ./jrocker ";
    private static final String ECHO_STATUS = "; echo \"exit status $?\"";

    private BookTranscripts() {
    }

    /** The transcripts whose file name starts with {@code prefix}, e.g. "step01-". */
    public static List<Path> named(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /**
     * Every transcript named {@code prefix}* that differs from what {@code mainClass}'s CLI prints now, with
     * both texts; empty when the book is right. Fails when there is no such transcript at all.
     */
    public static List<String> mismatches(String prefix, Class<?> mainClass) throws IOException, InterruptedException {
        return mismatches(prefix, mainClass, null);
    }

    /** {@link #mismatches(String, Class)}, with the commands run in {@code directory} (null: this one). */
    public static List<String> mismatches(String prefix, Class<?> mainClass, Path directory)
            throws IOException, InterruptedException {
        List<Path> transcripts = named(prefix);
        if (transcripts.isEmpty()) {
            throw new IllegalStateException("no transcripts " + prefix + "* in " + DIRECTORY.toAbsolutePath());
        }
        List<String> mismatches = new ArrayList<>();
        for (Path transcript : transcripts) {
            String expected = expected(transcript);
            String actual = actual(transcript, mainClass, directory);
            if (!comparable(expected).equals(comparable(actual))) {
                mismatches.add(transcript.getFileName() + " is out of date.\n--- the book says ---\n" + expected
                        + "--- jrocker prints ---\n" + actual);
            }
        }
        return mismatches;
    }

    /**
     * {@code transcript} with what differs from run to run made equal: container IDs (64 or 12 hex digits),
     * docker-style durations ("3 seconds", "Less than a second") and the spaces that pad table columns to
     * them. Everything else must match exactly.
     */
    public static String comparable(String transcript) {
        return transcript
                .replaceAll("\\b[0-9a-f]{64}\\b", "<id>")
                .replaceAll("\\b[0-9a-f]{12}\\b", "<id>")
                .replaceAll("Less than a second|About an? (minute|hour)|\\b\\d+ (second|minute|hour|day|week|month|year)s?\\b", "<time>")
                .replaceAll(" {2,}", "  ");
    }

    /** The transcript as the book shows it. */
    public static String expected(Path transcript) throws IOException {
        return Files.readString(transcript);
    }

    /** The transcript as it happens now: every command run with {@code mainClass}'s CLI, in {@code directory}. */
    public static String actual(Path transcript, Class<?> mainClass, Path directory) throws IOException, InterruptedException {
        StringBuilder actual = new StringBuilder();
        for (String line : Files.readAllLines(transcript)) {
            if (!line.startsWith("$ ")) {
                continue;
            }
            if (!line.startsWith(PROMPT)) {
                throw new IllegalArgumentException(transcript + ": a command starts with '" + PROMPT + "': " + line);
            }
            actual.append(line).append('\n');
            String command = line.substring(PROMPT.length());
            boolean echoStatus = command.endsWith(ECHO_STATUS);
            if (echoStatus) {
                command = command.substring(0, command.length() - ECHO_STATUS.length());
            }
            CliProcess cli = new CliProcess(mainClass);
            if (directory != null) {
                cli.directory(directory).env("JROCKER_DATA_ROOT", directory.resolve("data").toString());
            }
            CliProcess.Result result = cli.run(words(command).toArray(new String[0]));
            actual.append(result.stdout()).append(result.stderr());
            if (echoStatus) {
                actual.append("exit status ").append(result.exitCode()).append('\n');
            }
        }
        return actual.toString();
    }

    /** Split a command line into words like a shell: 'single' and "double" quotes, no expansion. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
