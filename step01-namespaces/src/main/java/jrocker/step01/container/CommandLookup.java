package jrocker.step01.container;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the program for {@code argv[0]} the way a shell does: a name with a slash is used as it is,
 * a bare name is searched in each directory of PATH. Runs inside the container (after step03's chroot
 * it searches the container's own files), before Ready, so "not found" is reported with a clear
 * message and exit code 127 instead of a bare execve error. jrocker finds the host's programs it needs
 * (busybox) with the same search: {@link #onHost}.
 */
public final class CommandLookup {
    /** The PATH a container gets when its environment has none (the same default as docker's). */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private CommandLookup() {
    }

    // tag::lookup[]
    /** The path to execute for {@code name}, or a {@link ContainerException} with exit code 126 or 127. */
    public static String find(String name, String path) {
        // tag::exercise-command-lookup[]
        if (name.contains("/")) {
            return checkExecutable(new File(name), name);
        }
        for (String directory : path.split(":")) {
            File candidate = new File(directory.isEmpty() ? "." : directory, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new ContainerException(ExitCodes.NOT_FOUND,
                "exec: \"" + name + "\": executable file not found in $PATH (" + path + ")");
        // end::exercise-command-lookup[]
    }
    // end::lookup[]

    /**
     * The first executable {@code name} in the host's PATH, then /usr/local/bin, /usr/bin, /bin, /usr/sbin and
     * /sbin (which sudo's PATH may lack); empty when there is none. Empty PATH entries are skipped: jrocker
     * never runs a program from whatever directory it was started in.
     */
    public static Optional<Path> onHost(String name) {
        List<String> directories = new ArrayList<>();
        for (String directory : (System.getenv().getOrDefault("PATH", "") + ":" + HOST_FALLBACK_PATH).split(":")) {
            if (!directory.isEmpty()) {
                directories.add(directory);
            }
        }
        try {
            return Optional.of(Path.of(find(name, String.join(":", directories))));
        } catch (ContainerException notFound) {
            return Optional.empty();
        }
    }

    /** Where a host program is looked for after PATH. */
    private static final String HOST_FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

    private static String checkExecutable(File file, String name) {
        if (!file.exists()) {
            throw new ContainerException(ExitCodes.NOT_FOUND, "exec: \"" + name + "\": no such file or directory");
        }
        if (file.isDirectory()) {
            throw new ContainerException(ExitCodes.NOT_EXECUTABLE, "exec: \"" + name + "\": is a directory");
        }
        if (!file.canExecute()) {
            throw new ContainerException(ExitCodes.NOT_EXECUTABLE, "exec: \"" + name + "\": permission denied");
        }
        return name;
    }
}
