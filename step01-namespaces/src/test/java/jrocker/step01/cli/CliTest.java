package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void anUnknownCommandIsOneLineAndExit1EvenWithHelpAsDockerDoes() {
        for (String[] args : new String[][] {{"frob"}, {"frob", "--help"}, {"frob", "-it", "sh"}}) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.err;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            int exitCode;
            try {
                exitCode = Cli.execute(args, jrocker.step01.Main.STEP);
            } finally {
                System.setErr(original);
            }
            assertEquals(1, exitCode, String.join(" ", args));
            assertEquals("jrocker: 'frob' is not a jrocker command.\nSee 'jrocker --help'.\n",
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void subcommandsAndTheirAliasesAreKnownAndNothingElse() {
        assertTrue(CalledSubcommand.isSubcommand(JrockerCommand.class, "run"));
        assertTrue(CalledSubcommand.isSubcommand(JrockerCommand.class, "doctor"));
        assertTrue(CalledSubcommand.isSubcommand(JrockerCommand.class, "help"));
        assertFalse(CalledSubcommand.isSubcommand(JrockerCommand.class, "attach"));
        assertFalse(CalledSubcommand.isSubcommand(JrockerCommand.class, "Run"));
    }
}
