package jrocker.step05.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import jrocker.step01.cli.Cli;
import jrocker.step01.container.JvmOptions;
import jrocker.step05.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** step05's twenty commands are built one at a time, and the top command's usage still lists them all. */
class CalledCommandsTest {

    @Test
    void onlyTheCalledCommandIsBuilt() {
        CommandLine commandLine = Cli.commandLine(Main.STEP, "ps", "-a");
        assertEquals(Set.of("ps"), commandLine.getSubcommands().keySet());
        assertInstanceOf(PsCommand.class, commandLine.getSubcommands().get("ps").getCommand());
        assertEquals(Set.of("images"), Cli.commandLine(Main.STEP, "--data-root", "/d", "images").getSubcommands().keySet());
    }

    @Test
    void theUsageListsEveryCommandAsTheWholeTreeDoes() {
        String whole = Cli.commandLine(Main.STEP).getUsageMessage();
        assertEquals(whole, Cli.commandLine(Main.STEP, "--help").getUsageMessage());
        assertEquals(whole, Cli.commandLine(Main.STEP, new String[0]).getUsageMessage()); // no arguments
        assertEquals(Set.of(), Cli.commandLine(Main.STEP, "--version").getSubcommands().keySet(), "the version needs none");
    }

    /** The launcher gives these the C2 compiler (JvmOptions): each must be one of this step's commands. */
    @Test
    void theStreamingCommandsAreCommandsOfThisStep() {
        Set<String> commands = Cli.commandLine(Main.STEP).getSubcommands().keySet();
        for (String streaming : JvmOptions.STREAMING_COMMANDS) {
            assertTrue(commands.contains(streaming), streaming + " is not a command of step05: " + commands);
        }
    }

    @Test
    void eachCommandsOwnUsageIsTheSameBuiltAlone() {
        CommandLine whole = Cli.commandLine(Main.STEP);
        for (String name : whole.getSubcommands().keySet()) {
            assertEquals(whole.getSubcommands().get(name).getUsageMessage(),
                    Cli.commandLine(Main.STEP, name, "--help").getSubcommands().get(name).getUsageMessage(), name);
        }
    }
}
