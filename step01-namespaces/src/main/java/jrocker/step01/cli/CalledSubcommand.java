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
 * The command line for one run of the CLI, with only what that run needs. picocli builds the model of a
 * command (its options, their types and converters, its usage text) by reflection, for every subcommand,
 * before it parses anything; with twenty subcommands that is tens of milliseconds on each start, spent on
 * commands that will not run. So the top command is made here from its {@code @Command} annotation, and of
 * its subcommands (the annotation's list: adding a command to that list is all it takes):
 * <ul>
 *   <li>the one named by the first argument after the top command's own options (step03's
 *       {@code --data-root DIR}) is the only one built;</li>
 *   <li>with no such argument ({@code --help}, {@code --version}, no argument, a misspelt command) each is
 *       only a name and a description: what the top command's usage lists, and what picocli's suggestions
 *       for a typo need;</li>
 *   <li>{@code help COMMAND} builds {@code help} and that command.</li>
 * </ul>
 * The top command's own options are built only when the run needs them: when they come first, or for its
 * usage. {@link Cli#commandLine(Step)} still builds the whole tree (for the CLI reference and completion).
 */
final class CalledSubcommand {
    private CalledSubcommand() {
    }

    // tag::lazy[]
    static CommandLine commandLine(Class<?> topCommand, CommandLine.IFactory factory, String[] args) {
        Command top = topCommand.getAnnotation(Command.class);
        if (top == null) {
            return whole(topCommand, factory);
        }
        int first = firstAfterTopOptions(topCommand, args);
        Class<?> called = first < args.length ? subcommandNamed(top, args[first]) : null;
        boolean help = called != null && isHelp(called);
        boolean versionOnly = first < args.length && VERSION.contains(args[first]);
        Class<?> helpedWith = help && first + 1 < args.length ? subcommandNamed(top, args[first + 1]) : null;
        try {
            CommandLine commandLine = new CommandLine(topSpec(topCommand, top, factory, called == null || help || first > 0),
                    factory);
            for (Class<?> subcommand : top.subcommands()) {
                Command command = subcommand.getAnnotation(Command.class);
                if (subcommand == called || subcommand == helpedWith) {
                    commandLine.addSubcommand(command.name(), new CommandLine(factory.create(subcommand), factory));
                } else if ((called == null && !versionOnly) || help) {
                    commandLine.addSubcommand(command.name(), new CommandLine(summary(command), factory));
                }
            }
            return commandLine;
        } catch (Exception e) {
            return whole(topCommand, factory); // picocli will report it, as it always did
        }
    }
    // end::lazy[]

    /**
     * The top command as its annotation describes it, without its subcommands: its name, usage text, the
     * standard {@code --help} and {@code --version} if it has them, and, if {@code withOptions}, its own
     * options (its mixins).
     */
    private static CommandSpec topSpec(Class<?> topCommand, Command top, CommandLine.IFactory factory, boolean withOptions)
            throws Exception {
        CommandSpec spec = CommandSpec.create().name(top.name()).mixinStandardHelpOptions(top.mixinStandardHelpOptions());
        spec.usageMessage().description(top.description()).header(top.header()).footer(top.footer());
        if (withOptions) {
            for (Field mixin : mixins(topCommand)) {
                spec.addMixin(mixin.getName(), CommandSpec.forAnnotatedObject(factory.create(mixin.getType()), factory));
            }
        }
        return spec;
    }

    /** A subcommand as the top command's usage lists it: its name, aliases and description; no options. */
    private static CommandSpec summary(Command command) {
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().description(command.description()).header(command.header()).hidden(command.hidden());
        return spec;
    }

    /** The subcommand class that {@code args} call, or null (help, a typo, no argument). */
    static Class<?> called(Class<?> topCommand, String[] args) {
        Command top = topCommand.getAnnotation(Command.class);
        int first = firstAfterTopOptions(topCommand, args);
        return top == null || first >= args.length ? null : subcommandNamed(top, args[first]);
    }

    /** picocli's standard option that prints the version: no subcommand needed. */
    private static final List<String> VERSION = List.of("-V", "--version");

    private static Class<?> subcommandNamed(Command top, String name) {
        for (Class<?> subcommand : top.subcommands()) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command != null && names(command, name)) {
                return subcommand;
            }
        }
        return null;
    }

    private static boolean isHelp(Class<?> subcommand) {
        return subcommand == CommandLine.HelpCommand.class;
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
        return top == null // not a picocli tree: let picocli say what it thinks
                || subcommandNamed(top, name) != null;
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
