package jrocker.step01.container;

/** A started container: the process jrocker waits for, and its PID 1 as the host numbers it. */
public class Container {
    private final Process process;
    private final long pid;

    /**
     * @param process what jrocker started and waits for: the init itself (steps 1-4), or step05's monitor,
     *                which exits with the container's status
     * @param pid     PID 1 of the container, as the host numbers it
     */
    public Container(Process process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    /** The PID of the process jrocker started and waits for: the init (steps 1-4), step05's monitor. */
    public long startedPid() {
        return process.pid();
    }

    /** PID 1 of the container, as the host numbers it. */
    public long pid() {
        return pid;
    }

    /**
     * Wait for the container's PID 1 to exit and return its status: its exit code, or 128+N when signal N
     * killed it (Java reports signals that way, which is docker's convention too). When PID 1 exits, the
     * kernel kills every other process of its PID namespace, so nothing is left behind.
     */
    public int waitFor() {
        return waitUninterruptibly(process);
    }

    /** Wait for {@code process} however long it takes; an interrupt is kept for the caller, not acted on. */
    static int waitUninterruptibly(Process process) {
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
