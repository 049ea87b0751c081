package jrocker.step01.cli;

import java.io.PrintWriter;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ExitCodes;
import jrocker.step01.container.InitProcess;
import jrocker.step01.container.Preload;
import jrocker.step01.container.Trace;
import picocli.CommandLine;

/**
 * The command line every step shares: each step's {@code Main} hands in its {@link Step}, with its top
 * command (whose subcommands are that step's {@code run}, {@code doctor}, ...) and its system calls.
 */
public final class Cli {
    private Cli() {
    }

    // tag::main[]
    /**
     * {@code jrocker init SOCKET} is the container's init (see {@link InitProcess}); it is answered here,
     * before picocli is even loaded, because it runs on every container start. Everything else goes to
     * picocli.
     */
    public static int execute(String[] args, Step<?> step) {
        if (args.length == 2 && args[0].equals("init")) {
            Trace.inInit();
            Trace.phase("main");
            return new InitProcess(step.syscalls()).main(args[1]);
        }
        Trace.phase("main");
        int command = CalledSubcommand.firstAfterTopOptions(step.topCommand(), args); // after --data-root DIR, if given
        if (command < args.length && !args[command].startsWith("-") && !CalledSubcommand.isSubcommand(step.topCommand(), args[command])) {
            return unknownCommand(step.topCommand(), args[command], new PrintWriter(System.err, true));
        }
        if (command < args.length && (args[command].equals("run") || args[command].equals("exec"))) {
            // while picocli reads the command line
            Preload.forContainerStart(step.syscalls(), CalledSubcommand.called(step.topCommand(), args));
        }
        CommandLine commandLine = commandLine(step, args);
        commandLine.setExecutionStrategy(new TracedExecution());
        Trace.phase("command line built");
        int status = commandLine.execute(args);
        Trace.phase("exit " + status);
        return status;
    }
    // end::main[]

    /**
     * The command line {@link #execute} builds for {@code args}: only the subcommand they call, or a list of the
     * subcommands for the top command's usage ({@link CalledSubcommand}).
     */
    public static CommandLine commandLine(Step<?> step, String... args) {
        skipUnusedConverters();
        return configure(CalledSubcommand.commandLine(step.topCommand(), new StepFactory(step), args), step);
    }

    /**
     * {@code jrocker frob}, and {@code jrocker frob --help} too, are refused as docker refuses them: one line, a
     * pointer to the help, exit 1. (picocli alone would print the top command's help for the second and exit 0,
     * which reads as if frob existed.)
     */
    static int unknownCommand(Class<?> topCommand, String name, PrintWriter err) {
        String top = topCommand.getAnnotation(picocli.CommandLine.Command.class).name();
        err.println(top + ": '" + name + "' is not a " + top + " command.");
        err.println("See '" + top + " --help'.");
        err.flush();
        return ExitCodes.NOT_A_COMMAND;
    }

    /** The whole command tree of {@code step}, as {@link #execute} configures it (usage, tests, the CLI reference). */
    public static CommandLine commandLine(Step<?> step) {
        skipUnusedConverters();
        StepFactory factory = new StepFactory(step);
        try {
            return configure(new CommandLine(factory.create(step.topCommand()), factory), step);
        } catch (Exception e) {
            throw new CommandLine.InitializationException("cannot make " + step.topCommand().getName(), e);
        }
    }

    /** The picocli command line of one command: errors become one {@code jrocker: ...} line and an exit code. */
    public static CommandLine commandLine(Object command) {
        skipUnusedConverters();
        return configure(new CommandLine(command), null);
    }

    /**
     * picocli's usual way (run the command that was called), with a trace line once the command line is parsed.
     * A class, not a lambda: a lambda of a picocli interface keeps that interface out of the class data sharing
     * archive (picocli's class files are Java 5's, which the archive cannot link ahead of time).
     */
    private static final class TracedExecution implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            Trace.phase("command line parsed");
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /** picocli's property: a regular expression of the types whose converters it must not register. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * picocli converts option values to some fifty types. Those of {@code java.time} and {@code java.sql} it
     * registers by reflection, which loads and initialises their classes on every start of the CLI, some
     * 15 to 20 ms; jrocker's options are strings, numbers and paths. (Unless the property is set already.)
     */
    static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.time\\..*|java\\.sql\\..*");
        }
    }

    private static CommandLine configure(CommandLine commandLine, Step<?> step) {
        if (step != null) {
            commandLine.getCommandSpec().version(step.version());
        }
        // "jrocker run sh -c 'exit 7'": everything after the command belongs to the command. Only for run (and
        // step05's exec): other commands (export CONTAINER -o FILE) take their options anywhere, as docker's do.
        for (String name : new String[] {"run", "exec"}) {
            CommandLine commandWithCommandLine = commandLine.getSubcommands().get(name);
            if (commandWithCommandLine != null) {
                commandWithCommandLine.setStopAtPositional(true);
            }
        }
        commandLine.setExecutionExceptionHandler((exception, failedCommand, parseResult) -> {
            PrintWriter err = failedCommand.getErr();
            if (exception instanceof ContainerException failure) {
                err.println("jrocker: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("jrocker: internal error: " + exception);
            if (System.getenv("JROCKER_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.RUNTIME_FAILED;
        });
        return commandLine;
    }
}
