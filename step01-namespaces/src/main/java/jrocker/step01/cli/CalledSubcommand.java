package jrocker.step01.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The command line for one run of the CLI, with only the subcommand that is called. picocli builds the
 * model of a command (its options, their types and converters, its usage text) by reflection, for every
 * subcommand, before it parses anything; with twenty subcommands that is tens of milliseconds on each
 * start, spent on commands that will not run. When the first argument after the top command's own options
 * (step03's {@code --data-root DIR}) names a subcommand, only that one is built, under a top command of the
 * same name with the same options; anything else (no argument, {@code --help}, {@code help}, a misspelt
 * command) gets the whole tree, so that usage and suggestions are complete.
 */
final class CalledSubcommand {
    private CalledSubcommand() {
    }

    static CommandLine commandLine(Class<?> topCommand, CommandLine.IFactory factory, String[] args) {
        Command top = topCommand.getAnnotation(Command.class);
        int name = firstAfterTopOptions(topCommand, args);
        if (top == null || name >= args.length) {
            return whole(topCommand, factory);
        }
        for (Class<?> subcommand : top.subcommands()) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command == null || command.name().equals("help") || !names(command, args[name])) {
                continue;
            }
            try {
                CommandSpec spec = CommandSpec.create().name(top.name());
                for (Field mixin : mixins(topCommand)) {
                    spec.addMixin(mixin.getName(), CommandSpec.forAnnotatedObject(factory.create(mixin.getType()), factory));
                }
                CommandLine commandLine = new CommandLine(spec, factory);
                commandLine.addSubcommand(command.name(), new CommandLine(factory.create(subcommand), factory));
                return commandLine;
            } catch (Exception e) {
                return whole(topCommand, factory); // picocli will report it, as it always did
            }
        }
        return whole(topCommand, factory);
    }

    private static CommandLine whole(Class<?> topCommand, CommandLine.IFactory factory) {
        try {
            return new CommandLine(factory.create(topCommand), factory);
        } catch (Exception e) {
            throw new CommandLine.InitializationException("cannot make " + topCommand.getName(), e);
        }
    }

    /**
     * The index of the first argument that is not one of the top command's own options (with its value). No
     * reflection when the first argument is no option: this runs on every start, before the preload.
     */
    static int firstAfterTopOptions(Class<?> topCommand, String[] args) {
        if (args.length == 0 || !args[0].startsWith("-")) {
            return 0;
        }
        List<String> withValue = new ArrayList<>();
        for (Field mixin : mixins(topCommand)) {
            for (Field field : mixin.getType().getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null && field.getType() != boolean.class) {
                    withValue.addAll(List.of(option.names()));
                }
            }
        }
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (withValue.contains(arg)) {
                i += 2;
            } else if (arg.startsWith("--") && arg.contains("=") && withValue.contains(arg.substring(0, arg.indexOf('=')))) {
                i += 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static List<Field> mixins(Class<?> topCommand) {
        List<Field> mixins = new ArrayList<>();
        for (Field field : topCommand.getDeclaredFields()) {
            if (field.isAnnotationPresent(Mixin.class)) {
                mixins.add(field);
            }
        }
        return mixins;
    }

    /** Whether {@code name} is one of the top command's subcommands (or an alias of one), {@code help} included. */
    static boolean isSubcommand(Class<?> topCommand, String name) {
        Command top = topCommand.getAnnotation(Command.class);
        if (top == null) {
            return true; // not a picocli tree: let picocli say what it thinks
        }
        for (Class<?> subcommand : top.subcommands()) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command != null && names(command, name)) {
                return true;
            }
        }
        return false;
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
