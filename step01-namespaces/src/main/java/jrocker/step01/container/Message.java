package jrocker.step01.container;

// tag::protocol[]
/**
 * The messages between jrocker (the parent, on the host) and the container's init, over an AF_UNIX
 * socket. The whole conversation:
 *
 * <pre>
 *   jrocker (host)                              init (inside the namespaces)
 *      | start the init JVM in new namespaces        |
 *      |  &lt;------------- connect ------------------  |
 *      |  ------------- Start(plan) ------------&gt;   |  runs the stages, finds the command
 *      |  &lt;------------ Ready(hostPid) -----------   |  (or Failed(code, why), then exits)
 *      |  host-side work, e.g. step02's cgroup       |
 *      |  ------------- Go ---------------------&gt;   |  execve(command)
 *      |  &lt;------------ end of stream ------------   |  the socket is close-on-exec: EOF = exec worked
 *      |             or Failed(code, why)            |  execve itself failed
 * </pre>
 *
 * The Ready/Go pause is what lets jrocker finish its part before the user's command runs, so the
 * command never runs for a moment outside its limits.
 */
public sealed interface Message {
    /** jrocker → init: what to do. */
    record Start(InitPlan plan) implements Message {
    }

    /**
     * init → jrocker: prepared, waiting for Go. {@code hostPid} is the init's process ID as the host numbers
     * it (inside its PID namespace it is 1): jrocker places that process in its cgroup, and signals it to stop
     * the container. The init knows it from the host's /proc, which it still sees when it starts.
     */
    record Ready(long hostPid) implements Message {
    }

    /** jrocker → init: exec the command now. */
    record Go() implements Message {
    }

    /** init → jrocker: it could not go on; jrocker prints {@code message} and exits with {@code exitCode}. */
    record Failed(int exitCode, String message) implements Message {
    }
}
// end::protocol[]
