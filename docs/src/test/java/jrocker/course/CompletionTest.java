package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated completion script completes what the appendix shows, in a real bash. */
class CompletionTest {
    private static final Path SCRIPT = Path.of("target/generated-docs/jrocker-completion.bash");

    private static List<String> complete(String... words) throws Exception {
        String script = "source " + SCRIPT.toAbsolutePath() + "\n"
                + "COMP_WORDS=(" + String.join(" ", words) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_jrocker " + words[0] + " " + words[words.length - 1] + " " + words[words.length - 2] + "\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        Process bash = new ProcessBuilder("bash", "-c", script)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // compopt complains outside a real completion
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void theAppendixExampleCompletes() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " is written before the tests (process-classes)");
        assertEquals(List.of("--cpu-shares", "--cpus", "--cpuset-cpus"), complete("./jrocker", "run", "--cp"));
    }

    @Test
    void commandsComplete() throws Exception {
        List<String> commands = complete("jrocker", "");
        assertTrue(commands.containsAll(List.of("run", "images", "doctor", "rootfs")), commands.toString());
    }
}
