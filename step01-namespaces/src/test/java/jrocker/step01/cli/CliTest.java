package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "typed")
    static class Typed implements Runnable {
        @Option(names = "--path")
        Path path;

        @Option(names = "--count")
        int count;

        @Option(names = "--timeout")
        Duration timeout;

        @Override
        public void run() {
        }
    }

    @Test
    void picocliSkipsTheConvertersJrockerDoesNotUseButKeepsTheOthers() {
        Typed typed = new Typed();
        CommandLine commandLine = Cli.commandLine(typed);
        commandLine.parseArgs("--path", "/var/lib/jrocker", "--count", "3");
        assertEquals(Path.of("/var/lib/jrocker"), typed.path);
        assertEquals(3, typed.count);
        // java.time is excluded: such an option would need a converter of its own.
        assertThrows(CommandLine.ParameterException.class, () -> commandLine.parseArgs("--timeout", "PT5S"));
    }
}
