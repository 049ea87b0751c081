package jrocker.step03.cli;

import java.nio.file.Path;
import jrocker.step01.cli.StepFactory;
import jrocker.step03.container.DataRoot;
import picocli.CommandLine.Option;

/**
 * {@code jrocker --data-root DIR COMMAND ...}: where jrocker keeps what outlives a command (docker's name for
 * it). A global option: the top command parses it, and the commands that need it get the same object
 * ({@link StepFactory.Shared}). Without it, {@code $JROCKER_DATA_ROOT}, else {@link DataRoot#DEFAULT}.
 */
public final class DataRootOption implements StepFactory.Shared {
    /** The variable that gives the data root when the option is not given (the tests point it at a temporary directory). */
    public static final String VARIABLE = "JROCKER_DATA_ROOT";

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "Where jrocker keeps containers and images (default: $JROCKER_DATA_ROOT, else /var/lib/jrocker).")
    Path option;

    /** The data root this command line uses. */
    public DataRoot dataRoot() {
        if (option != null) {
            return new DataRoot(option.toAbsolutePath());
        }
        String configured = System.getenv(VARIABLE);
        return new DataRoot(configured == null || configured.isEmpty() ? DataRoot.DEFAULT : Path.of(configured).toAbsolutePath());
    }

    /** A data root as if {@code --data-root directory} was given (for tests). */
    public static DataRootOption of(Path directory) {
        DataRootOption given = new DataRootOption();
        given.option = directory;
        return given;
    }
}
