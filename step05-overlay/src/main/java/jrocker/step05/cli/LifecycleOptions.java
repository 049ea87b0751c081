package jrocker.step05.cli;

import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step05.container.Volume;
import picocli.CommandLine.Option;

/** {@code run}'s options of step05: a container that has a name and a record, outlives its run, has volumes (a picocli mixin). */
public final class LifecycleOptions {
    @Option(names = "--rm", description = "Remove the container (its writable layer and record) when it exits.")
    boolean removeWhenDone;

    @Option(names = {"-d", "--detach"}, description = "Run in the background: print the container's ID and exit;"
            + " its output goes to a log (jrocker logs).")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME", description = "A unique name for the container (default: a random one).")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable in the container (KEY alone: its value here, if set).")
    List<String> environmentFlags = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR",
            description = "The command's working directory in the container (created if missing).")
    String workingDirectory;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CTR[:ro]",
            description = "Bind the host directory HOST (created if missing), or file, at CTR in the container (not in /proc, /sys or /dev); :ro for read-only.")
    List<String> volumeSpecs = new ArrayList<>();

    /** What the options asked for; a bad -v is a one-line error with exit code 125. */
    public Settings settings() {
        List<Volume> volumes = new ArrayList<>();
        for (String spec : volumeSpecs) {
            try {
                volumes.add(Volume.parse(spec));
            } catch (IllegalArgumentException e) {
                throw ContainerException.runtime(e.getMessage());
            }
        }
        return new Settings(removeWhenDone, detach, name, environmentFlags, workingDirectory, volumes, volumeSpecs);
    }

    /**
     * --rm, -d, --name, -e, -w and -v as given.
     *
     * @param name             --name, or null for a generated one
     * @param workingDirectory -w, or null for the image's
     * @param volumeSpecs      the -v values as typed (the container's record keeps them)
     */
    public record Settings(boolean removeWhenDone, boolean detach, String name, List<String> environmentFlags,
                           String workingDirectory, List<Volume> volumes, List<String> volumeSpecs) {
        public Settings {
            environmentFlags = List.copyOf(environmentFlags);
            volumes = List.copyOf(volumes);
            volumeSpecs = List.copyOf(volumeSpecs);
        }
    }
}
