package jrocker.step01.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The book's shell transcripts ({@code docs/src/docs/asciidoc/transcripts/stepNN-*.txt}), run for real, as
 * typed. A transcript is a sequence of command lines, {@code $ COMMAND}, each followed by what the terminal
 * shows (stdout and stderr as they came). Each line's own text is run by {@code sh -c} from the repository's
 * top directory, where the book tells the reader to paste it; each step's tests compare {@link #expected}
 * with {@link #actual}, so a change in jrocker's output, or a command that no longer works as typed, fails
 * the build instead of leaving the book wrong.
 *
 * <p>Two things differ from a reader's terminal, both outside the command's text. The tests run as root,
 * where {@code sudo} would change nothing but the environment (it resets it, and is often not installed
 * where the tests run as root), so {@code sudo} is a shell function that runs its arguments with
 * {@code env}. And {@code JROCKER_DATA_ROOT} points to a directory of the test's own, so the transcripts
 * start from an empty store and never touch the machine's containers and images.
 */
public final class BookTranscripts {
    /** Where the transcripts are, seen from a step module's directory (where Maven runs its tests). */
    public static final Path DIRECTORY = Path.of("..", "docs", "src", "docs", "asciidoc", "transcripts");
    /** The repository's top directory, seen from a step module's directory: where the commands run. */
    public static final Path TOP = Path.of("..");
    /** Defined before each command: root's {@code sudo} without the environment reset (see above). */
    static final String SUDO_AS_ROOT = "sudo() { env \"$@\"; }\n";
    private static final String PROMPT = "$ ";

    private BookTranscripts() {
    }

    /** The transcripts whose file name starts with {@code prefix}, e.g. "step01-". */
    public static List<Path> named(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /**
     * Every transcript named {@code prefix}* that differs from what its commands print now, with both texts;
     * empty when the book is right. Each command must run {@code launcher} (such as
     * {@code ./step01-namespaces/jrocker}), the CLI of the step the transcript belongs to. Fails when there
     * is no such transcript at all.
     *
     * @param dataRoot the data root the commands use (JROCKER_DATA_ROOT): a fresh directory of the test
     */
    public static List<String> mismatches(String prefix, String launcher, Path dataRoot) throws IOException, InterruptedException {
        List<Path> transcripts = named(prefix);
        if (transcripts.isEmpty()) {
            throw new IllegalStateException("no transcripts " + prefix + "* in " + DIRECTORY.toAbsolutePath());
        }
        List<Path> topBefore = topFiles();
        List<String> mismatches = new ArrayList<>();
        try {
            for (Path transcript : transcripts) {
                String expected = expected(transcript);
                String actual = actual(transcript, launcher, dataRoot);
                if (!comparable(expected).equals(comparable(actual))) {
                    mismatches.add(transcript.getFileName() + " is out of date.\n--- the book says ---\n" + expected
                            + "--- the commands print ---\n" + actual);
                }
            }
        } finally {
            // What the transcripts wrote where they ran (chapter 3's busybox.tar): a test leaves nothing behind.
            for (Path made : topFiles()) {
                if (!topBefore.contains(made)) {
                    Files.deleteIfExists(made);
                }
            }
        }
        return mismatches;
    }

    /** The regular files in the repository's top directory. */
    private static List<Path> topFiles() throws IOException {
        try (Stream<Path> files = Files.list(TOP.toAbsolutePath().normalize())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * {@code transcript} with what differs from run to run made equal: container IDs (64 or 12 hex digits),
     * docker-style durations ("3 seconds", "Less than a second") and the spaces that pad table columns to
     * them, and what differs from machine to machine: the number of applets of the host's busybox.
     * Everything else must match exactly.
     */
    public static String comparable(String transcript) {
        return transcript
                .replaceAll("with \\d+ applets", "with <n> applets")
                .replaceAll("\\b[0-9a-f]{64}\\b", "<id>")
                .replaceAll("\\b[0-9a-f]{12}\\b", "<id>")
                .replaceAll("Less than a second|About an? (minute|hour)|\\b\\d+ (second|minute|hour|day|week|month|year)s?\\b", "<time>")
                .replaceAll(" {2,}", "  ");
    }

    /** The transcript as the book shows it. */
    public static String expected(Path transcript) throws IOException {
        return Files.readString(transcript);
    }

    /** The transcript as it happens now: every command line run as typed, from the repository's top. */
    public static String actual(Path transcript, String launcher, Path dataRoot) throws IOException, InterruptedException {
        StringBuilder actual = new StringBuilder();
        for (String line : Files.readAllLines(transcript)) {
            if (!line.startsWith(PROMPT)) {
                continue;
            }
            String command = line.substring(PROMPT.length());
            if (!command.startsWith("sudo " + launcher + " ") && !command.startsWith(launcher + " ")) {
                throw new IllegalArgumentException(transcript.getFileName() + ": a command of this step runs "
                        + launcher + ": " + line);
            }
            actual.append(line).append('\n').append(run(command, dataRoot));
        }
        return actual.toString();
    }

    /** What {@code sh -c COMMAND}, run from the repository's top, shows on a terminal: stdout and stderr as they come. */
    static String run(String command, Path dataRoot) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", SUDO_AS_ROOT + command)
                .directory(TOP.toAbsolutePath().normalize().toFile())
                .redirectErrorStream(true);
        builder.environment().put("JROCKER_DATA_ROOT", dataRoot.toAbsolutePath().toString());
        Process shell = builder.start();
        shell.getOutputStream().close();
        CompletableFuture<String> output = CliProcess.drain(shell.getInputStream());
        if (!shell.waitFor(120, TimeUnit.SECONDS)) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
            throw new AssertionError("the book's command did not finish within 120 s: " + command);
        }
        return output.join();
    }
}
