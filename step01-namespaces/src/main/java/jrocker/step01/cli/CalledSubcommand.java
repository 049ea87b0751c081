package jrocker.step01.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line for one run of the CLI, with only the subcommand that is called. picocli builds the
 * model of a command (its options, their types and converters, its usage text) by reflection, for every
 * subcommand, before it parses anything; with twenty subcommands that is tens of milliseconds on each
 * start, spent on commands that will not run. When the first argument names a subcommand, only that one
 * is built, under a top command of the same name; anything else (no argument, {@code --help},
 * {@code help}, a misspelt command) gets the whole tree, so that usage and suggestions are complete.
 */
final class CalledSubcommand {
    private CalledSubcommand() {
    }

    static CommandLine commandLine(Object topCommand, String[] args) {
        Command top = topCommand.getClass().getAnnotation(Command.class);
        if (top == null || args.length == 0) {
            return new CommandLine(topCommand);
        }
        for (Class<?> subcommand : top.subcommands()) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command == null || command.name().equals("help") || !names(command, args[0])) {
                continue;
            }
            Object instance;
            try {
                instance = CommandLine.defaultFactory().create(subcommand);
            } catch (Exception e) {
                return new CommandLine(topCommand); // picocli will report it, as it always did
            }
            CommandLine commandLine = new CommandLine(CommandSpec.create().name(top.name()));
            commandLine.addSubcommand(command.name(), new CommandLine(instance));
            return commandLine;
        }
        return new CommandLine(topCommand);
    }

    private static boolean names(Command command, String name) {
        if (command.name().equals(name)) {
            return true;
        }
        for (String alias : command.aliases()) {
            if (alias.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
