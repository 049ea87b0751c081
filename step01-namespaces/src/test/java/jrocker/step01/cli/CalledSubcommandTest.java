package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CalledSubcommandTest {

    private static Set<String> subcommandsFor(String... args) {
        return CalledSubcommand.commandLine(new JrockerCommand(), args).getSubcommands().keySet();
    }

    @Test
    void onlyTheCalledSubcommandIsBuiltUnderATopCommandOfTheSameName() {
        CommandLine commandLine = CalledSubcommand.commandLine(new JrockerCommand(), new String[] {"run", "sh"});
        assertEquals(Set.of("run"), commandLine.getSubcommands().keySet());
        assertEquals("jrocker", commandLine.getCommandName());
        assertInstanceOf(RunCommand.class, commandLine.getSubcommands().get("run").getCommand());
    }

    @Test
    void helpNoArgumentsAndTyposGetTheWholeTreeForCompleteUsageAndSuggestions() {
        Set<String> all = Set.of("run", "doctor", "help");
        assertEquals(all, subcommandsFor());
        assertEquals(all, subcommandsFor("help", "run"));
        assertEquals(all, subcommandsFor("--help"));
        assertEquals(all, subcommandsFor("rnu", "sh"));
    }

    @Test
    void everythingAfterRunsCommandBelongsToTheCommandButOtherCommandsTakeOptionsAnywhere() {
        CommandLine commandLine = Cli.commandLine(new JrockerCommand());
        assertTrue(commandLine.getSubcommands().get("run").isStopAtPositional());
        assertFalse(commandLine.getSubcommands().get("doctor").isStopAtPositional());
    }
}
