package jrocker.step01.container;

/**
 * The exit codes of {@code jrocker run}, docker's conventions: the container command's own status
 * when it ran, otherwise one of these.
 */
public final class ExitCodes {
    /** Docker's code for a command that does not exist ({@code jrocker frob}). */
    public static final int NOT_A_COMMAND = 1;
    /** picocli's code for a command line it cannot parse (a missing command, an unknown option). */
    public static final int USAGE = 2;
    /** jrocker itself failed: not root, a namespace or mount refused, bad option values. */
    public static final int RUNTIME_FAILED = 125;
    /** The command was found but cannot be executed (a directory, no execute permission). */
    public static final int NOT_EXECUTABLE = 126;
    /** The command was not found. */
    public static final int NOT_FOUND = 127;
    /** 128 + N: the command was killed by signal N (137 = SIGKILL, e.g. by the OOM killer). */
    public static final int KILLED_BY_SIGNAL = 128;

    private ExitCodes() {
    }
}
