package jrocker.step01.container;

import java.io.File;

/**
 * Finds the program for {@code argv[0]} the way a shell does: a name with a slash is used as it is,
 * a bare name is searched in each directory of PATH. Runs inside the container (after step03's chroot
 * it searches the container's own files), before Ready, so "not found" is reported with a clear
 * message and exit code 127 instead of a bare execve error.
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
