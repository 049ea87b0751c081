package jrocker.step05.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jrocker.step05.console.ConsoleKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrocker console DIR}, started by {@code run -d} and {@code start}: the detached container's console,
 * which writes its log and serves {@code attach} ({@link ConsoleKeeper}). Hidden: people do not type it.
 */
@Command(name = "console", hidden = true, description = "Keep a detached container's output and serve attach (run by run -d).")
public class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--interactive", description = "The container has a stdin (run -i).")
    boolean interactive;

    @Parameters(paramLabel = "DIR", description = "The container's directory.")
    Path directory;

    @Override
    public Integer call() throws Exception {
        new ConsoleKeeper(directory, interactive).serve();
        return 0;
    }
}
