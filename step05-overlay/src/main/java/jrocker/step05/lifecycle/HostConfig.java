package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code start} needs to run a container again as {@code run} ran it, beyond its {@link ContainerConfig}:
 * the limit flags as typed and whether its stdin was kept open ({@code -i}). Written once, next to the config, to
 * {@code hostconfig.json} (docker keeps the same kind of settings in a file of that name). The capabilities,
 * seccomp profile and user are in {@code walls.json}.
 *
 * @param interactive {@code run -i}
 * @param memory      {@code -m}, as typed; null when not given (and so for the others)
 * @param cpus        {@code --cpus}
 * @param cpuShares   {@code --cpu-shares}
 * @param cpusetCpus  {@code --cpuset-cpus}
 * @param pidsLimit   {@code --pids-limit}
 */
public record HostConfig(boolean interactive, String memory, String cpus, String cpuShares, String cpusetCpus,
                         String pidsLimit) {
    public static final String FILE = "hostconfig.json";

    /** A container made before this file existed: no stdin, no limits. */
    public static final HostConfig NONE = new HostConfig(false, null, null, null, null, null);

    public void write(Path containerDirectory) throws IOException {
        StateJson.write(containerDirectory.resolve(FILE), this);
    }

    public static HostConfig read(Path containerDirectory) throws IOException {
        Path file = containerDirectory.resolve(FILE);
        return Files.exists(file) ? StateJson.read(file, HostConfig.class) : NONE;
    }
}
