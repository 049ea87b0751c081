package jrocker.step01.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code run}'s COMMAND [ARG...] (a picocli mixin): passed as they are, never split on spaces. The exit codes
 * come with it: {@code run} exits with the command's status, or says why the command did not run.
 */
@Command(exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the command succeeded",
            "1-124:the command's own exit status",
            "2:invalid command line (usage error)",
            "125:jrocker itself failed (not root, bad option values, a kernel call refused)",
            "126:the command cannot be executed",
            "127:the command was not found",
            "128+N:the command was killed by signal N (137: SIGKILL)"})
public final class CommandArguments {
    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, passed as they are.")
    List<String> command = new ArrayList<>();

    /** The command and its arguments, as given. */
    public List<String> command() {
        return List.copyOf(command);
    }
}
