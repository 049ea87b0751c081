package jrocker.step05.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import jrocker.step01.cli.Cli;
import picocli.CommandLine;

/** Runs one command in-process, through the CLI's error handling, and keeps what it printed. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun run(Object command, String... args) {
        CommandLine commandLine = Cli.commandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
