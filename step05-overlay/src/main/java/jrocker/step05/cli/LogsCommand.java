package jrocker.step05.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.lifecycle.ContainerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker logs [-f] CONTAINER}: what a detached container wrote to stdout and stderr (one log, in the
 * order written). A foreground container's output went to the terminal, and is not kept.
 */
@Command(name = "logs", description = "Print the output of a detached container (-f: and follow it until it exits).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the log was printed", "1:no such container"})
public class LogsCommand implements Callable<Integer> {
    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container exits.")
    boolean follow;

    @Parameters(paramLabel = "CONTAINER", description = "The container's name, ID or ID prefix.")
    String container;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public LogsCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ContainerRecord record = Containers.record(dataRoot.dataRoot(), container);
        if (!record.config().detached()) {
            spec.commandLine().getErr().println("jrocker: container " + container + " ran in the foreground: its output"
                    + " went to the terminal and is not kept (run -d keeps a log)");
            return 0;
        }
        OutputStream out = System.out;
        try (InputStream log = Files.newInputStream(record.log())) {
            while (true) {
                // Asked before the read: a container that has exited by now wrote all its output before, so the
                // read below gets the last of it.
                boolean more = follow && record.exists() && record.status().running();
                log.transferTo(out); // up to the end of what is written so far
                out.flush();
                if (!more) {
                    return 0;
                }
                Thread.sleep(100);
            }
        }
    }
}
