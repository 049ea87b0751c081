package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import jrocker.step01.Main;
import jrocker.step01.linux.Syscalls;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CalledSubcommandTest {

    private static CommandLine commandLineFor(String... args) {
        return CalledSubcommand.commandLine(JrockerCommand.class, new StepFactory(Main.STEP), args);
    }

    private static Set<String> subcommandsFor(String... args) {
        return commandLineFor(args).getSubcommands().keySet();
    }

    @Test
    void onlyTheCalledSubcommandIsBuiltUnderATopCommandOfTheSameName() {
        CommandLine commandLine = commandLineFor("run", "sh");
        assertEquals(Set.of("run"), commandLine.getSubcommands().keySet());
        assertEquals("jrocker", commandLine.getCommandName());
        assertInstanceOf(RunCommand.class, commandLine.getSubcommands().get("run").getCommand());
    }

    @Test
    void helpNoArgumentsAndTyposListEverySubcommandButBuildNone() {
        Set<String> all = Set.of("run", "doctor", "help");
        assertEquals(Set.of(), subcommandsFor("-V"), "the version needs none");
        for (String[] args : new String[][] {{}, {"--help"}, {"rnu", "sh"}}) {
            CommandLine commandLine = commandLineFor(args);
            assertEquals(all, commandLine.getSubcommands().keySet(), List.of(args).toString());
            assertTrue(commandLine.getSubcommands().get("run").getCommandSpec().options().isEmpty(), "run is only listed");
            assertFalse(commandLine.getSubcommands().get("run").getCommand() instanceof RunCommand);
        }
    }

    @Test
    void theTopCommandsUsageListsTheSubcommandsAsTheWholeTreeDoes() {
        assertEquals(Cli.commandLine(Main.STEP).getUsageMessage(), commandLineFor("--help").getUsageMessage());
        assertEquals(Cli.commandLine(Main.STEP).getUsageMessage(), commandLineFor().getUsageMessage());
    }

    @Test
    void helpWithACommandBuildsThatCommandAndHelp() {
        CommandLine commandLine = commandLineFor("help", "run");
        assertInstanceOf(RunCommand.class, commandLine.getSubcommands().get("run").getCommand());
        assertInstanceOf(CommandLine.HelpCommand.class, commandLine.getSubcommands().get("help").getCommand());
        assertTrue(commandLine.getSubcommands().get("doctor").getCommandSpec().options().isEmpty(), "doctor is only listed");
        assertEquals(Cli.commandLine(Main.STEP).getSubcommands().get("run").getUsageMessage(),
                commandLine.getSubcommands().get("run").getUsageMessage());
    }

    @Test
    void aTypoIsAnUnmatchedArgumentWithTheSameSuggestionsAsTheWholeTreeGives() {
        for (String typo : new String[] {"rnu", "doctr", "frob"}) {
            CommandLine.UnmatchedArgumentException lazy = assertThrows(CommandLine.UnmatchedArgumentException.class,
                    () -> commandLineFor(typo, "sh").parseArgs(typo, "sh"));
            CommandLine.UnmatchedArgumentException whole = assertThrows(CommandLine.UnmatchedArgumentException.class,
                    () -> Cli.commandLine(Main.STEP).parseArgs(typo, "sh"));
            assertEquals(whole.getSuggestions(), lazy.getSuggestions(), typo);
            assertEquals(whole.getMessage(), lazy.getMessage(), typo);
        }
        assertEquals(List.of("doctor"), assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> commandLineFor("doctr").parseArgs("doctr")).getSuggestions());
    }

    @Test
    void everythingAfterRunsCommandBelongsToTheCommandButOtherCommandsTakeOptionsAnywhere() {
        CommandLine commandLine = Cli.commandLine(Main.STEP);
        assertTrue(commandLine.getSubcommands().get("run").isStopAtPositional());
        assertFalse(commandLine.getSubcommands().get("doctor").isStopAtPositional());
    }

    @Test
    void everyCommandOfStep01IsMadeForStep01AndVersionSaysWhichStepThisIs() {
        CommandLine commandLine = Cli.commandLine(Main.STEP);
        assertEquals(Set.of("run", "doctor", "help"), commandLine.getSubcommands().keySet());
        assertEquals(List.of("jrocker step01-namespaces"), List.of(commandLine.getCommandSpec().version()));
    }

    @Test
    void aGlobalOptionBeforeTheSubcommandStillBuildsOnlyThatOne() {
        assertEquals(0, CalledSubcommand.firstAfterTopOptions(GlobalOption.class, new String[] {"run", "sh"}));
        assertEquals(2, CalledSubcommand.firstAfterTopOptions(GlobalOption.class, new String[] {"--root", "/r", "run", "sh"}));
        assertEquals(1, CalledSubcommand.firstAfterTopOptions(GlobalOption.class, new String[] {"--root=/r", "run", "sh"}));
        assertEquals(0, CalledSubcommand.firstAfterTopOptions(GlobalOption.class, new String[] {"--help"}));
        CommandLine commandLine = CalledSubcommand.commandLine(GlobalOption.class, new StepFactory(Main.STEP),
                new String[] {"--root", "/r", "run", "sh"});
        assertEquals(Set.of("run"), commandLine.getSubcommands().keySet());
        commandLine.parseArgs("--root", "/r", "run", "sh");
        assertEquals("/r", ((RootOption) commandLine.getCommandSpec().mixins().get("root").userObject()).root);
    }

    /** A global option, as step03's --data-root. */
    static final class RootOption implements StepFactory.Shared {
        @picocli.CommandLine.Option(names = "--root")
        String root;
    }

    @picocli.CommandLine.Command(name = "jrocker", subcommands = {RunCommand.class, DoctorCommand.class})
    static final class GlobalOption {
        @picocli.CommandLine.Mixin
        RootOption root;
    }

    /** A command made for other system calls than the step has: refused when it is made, naming both. */
    static final class NeedsMore {
        interface MoreSyscalls extends Syscalls {
        }

        NeedsMore(Step<MoreSyscalls> step) {
        }
    }

    @Test
    void aCommandForAnotherStepsSystemCallsIsRefusedWhenItIsMade() {
        CommandLine.InitializationException refused = assertThrows(CommandLine.InitializationException.class,
                () -> new StepFactory(Main.STEP).create(NeedsMore.class));
        assertTrue(refused.getMessage().contains("needs a step with MoreSyscalls, but step01-namespaces has LinuxSyscalls"),
                refused.getMessage());
    }
}
