package jrocker.step01.container;

/** A started container: its PID 1, seen from the host. */
public class Container {
    private final Process process;

    public Container(Process process) {
        this.process = process;
    }

    /** PID 1 of the container, as the host numbers it. */
    public long pid() {
        return process.pid();
    }

    /**
     * Wait for the container's PID 1 to exit and return its status: its exit code, or 128+N when signal N
     * killed it (Java reports signals that way, which is docker's convention too). When PID 1 exits, the
     * kernel kills every other process of its PID namespace, so nothing is left behind.
     */
    public int waitFor() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
