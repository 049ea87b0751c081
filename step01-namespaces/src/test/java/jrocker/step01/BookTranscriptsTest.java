package jrocker.step01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The book's transcripts for this step ({@code docs/src/docs/asciidoc/transcripts/step01-*.txt}) are
 * run for real and must match: a change in jrocker's output fails the build instead of leaving the book
 * wrong. A transcript is a sequence of {@code $ sudo ./jrocker ARGS} lines, optionally followed by
 * {@code ; echo "exit status $?"}, each followed by what it prints (stdout, then stderr).
 */
class BookTranscriptsTest {
    static final Path TRANSCRIPTS = Path.of("..", "docs", "src", "docs", "asciidoc", "transcripts");
    private static final String PROMPT = "$ sudo ./jrocker ";
    private static final String ECHO_STATUS = "; echo \"exit status $?\"";

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("the transcripts run real containers", Assumptions::abort);
    }

    @TestFactory
    Stream<DynamicTest> everyTranscriptOfThisStepIsWhatJrockerPrints() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TRANSCRIPTS)) {
            files = list.filter(file -> file.getFileName().toString().startsWith("step01-")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no transcripts in " + TRANSCRIPTS.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path transcript) throws Exception {
        List<String> lines = Files.readAllLines(transcript);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (String line : lines) {
            if (!line.startsWith("$ ")) {
                expected.append(line).append('\n');
                continue;
            }
            assertTrue(line.startsWith(PROMPT), "a transcript command starts with '" + PROMPT + "': " + line);
            expected.append(line).append('\n');
            actual.append(line).append('\n');
            String command = line.substring(PROMPT.length());
            boolean echoStatus = command.endsWith(ECHO_STATUS);
            if (echoStatus) {
                command = command.substring(0, command.length() - ECHO_STATUS.length());
            }
            CliProcess.Result result = new CliProcess(Main.class).run(words(command).toArray(new String[0]));
            actual.append(result.stdout()).append(result.stderr());
            if (echoStatus) {
                actual.append("exit status ").append(result.exitCode()).append('\n');
            }
        }
        assertEquals(expected.toString(), actual.toString(), transcript + " is out of date");
    }

    /** Split a command line into words like a shell: 'single' and "double" quotes, no expansion. */
    static List<String> words(String line) {
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

    @Test
    void wordsAreSplitLikeAShellDoes() {
        assertEquals(List.of("run", "sh", "-c", "hostname; echo $$", "", "a\"b"),
                words("run sh -c 'hostname; echo $$' '' 'a\"b'"));
    }
}
