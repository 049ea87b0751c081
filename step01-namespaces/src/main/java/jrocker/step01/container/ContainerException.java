package jrocker.step01.container;

/**
 * Starting or running a container failed. The message is one line a user can act on; the exit code
 * is one of {@link ExitCodes}. The CLI prints {@code jrocker: MESSAGE} and exits with the code.
 */
public class ContainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ContainerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** jrocker itself failed: exit code 125. */
    public static ContainerException runtime(String message) {
        return new ContainerException(ExitCodes.RUNTIME_FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
