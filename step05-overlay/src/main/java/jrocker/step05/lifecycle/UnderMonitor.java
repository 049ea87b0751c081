package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ControlSocketPath;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.LifecycleSyscalls;

/**
 * How step05 starts a container's init, for step01's {@link ContainerLauncher}: every container gets a
 * <em>monitor</em> above its init, a small process that outlives jrocker and
 * records the container's exit status. Someone must: only a process' parent learns its exit status, and
 * {@code run -d} returns right after the start, as does a {@code run} that is killed.
 *
 * <p>A JVM would do, but an idle JVM keeps 35-40 MB resident, for every running container. The monitor is
 * a shell script instead, run by the static busybox that step03 already needs (about 1 MB), and the
 * namespaces are created by {@code busybox unshare}, which stays as the parent of PID 1 and exits with its
 * status (killing itself with the same signal when PID 1 was killed, so the shell sees 128+N):
 * <pre>
 *   jrocker (JVM, exits after the start when detached)
 *     └─ busybox setsid sh -c MONITOR        host namespaces, own session: no terminal signals reach it
 *          └─ busybox unshare --fork --pid --mount --uts --ipc --net
 *               └─ java ... init SOCKET     PID 1 of the container; execve's the command
 * </pre>
 * The JVM's own unshare thread (step01) cannot be used here: the monitor must stay outside the container's
 * mount namespace (pivot_root moves the root of every process in it), yet be an ancestor of PID 1.
 *
 * <p>When PID 1 exits, the monitor writes {@code exit-status} (atomically: written aside, then renamed).
 * Then, unless the container was removed meanwhile ({@code rm -f}), for a detached container, or when the
 * {@code run} that started it is gone (killed), it runs
 * {@code jrocker reap ID}, a short-lived JVM that records the end, removes the cgroup and, with --rm, the
 * container ({@link ContainerReaper}). A foreground {@code run} does that itself.
 */
public final class UnderMonitor implements ContainerLauncher.InitStart {
    /** $1..$7 are named below; "$@" is then {@code java [options] -cp CLASSPATH jrocker.step05.Main}. */
    // tag::monitor[]
    static final String MONITOR_SCRIPT = """
            dir=$1 id=$2 socket=$3 when_done=$4 busybox=$5 unshare_flags=$6 data_root=$7
            shift 7
            "$busybox" unshare --fork $unshare_flags -- "$@" init "$socket" # <1>
            status=$?
            { echo "$status" > "$dir/exit-status.tmp" && "$busybox" mv -f "$dir/exit-status.tmp" "$dir/exit-status"; } 2>/dev/null # <2>
            if [ -d "$dir" ] && { [ "$when_done" = reap ] || ! kill -0 "$PPID" 2>/dev/null; }; then # <3>
                # The same java command, without the init's class list recording (ClassArchives): the init's
                # list must stay the init's.
                for arg; do shift; case "$arg" in -XX:DumpLoadedClassList=*) ;; *) set -- "$@" "$arg" ;; esac; done
                "$@" --data-root "$data_root" reap "$id" # <4>
            fi
            exit "$status"
            """;
    // end::monitor[]

    private final LifecycleSyscalls syscalls;
    private final Path busybox;
    private final Path directory;
    private final String id;
    private final boolean detached;
    private final Path dataRoot;

    /**
     * @param busybox   a static busybox on the host
     * @param directory the container's directory ({@link ContainerRecord}), where the exit status goes
     * @param detached true for {@code run -d}: the monitor always reaps; else only if jrocker is gone
     * @param dataRoot  the data root the container is in: the reap must look there
     */
    public UnderMonitor(LifecycleSyscalls syscalls, Path busybox, Path directory, String id, boolean detached,
                        Path dataRoot) {
        this.syscalls = syscalls;
        this.busybox = busybox;
        this.directory = directory;
        this.id = id;
        this.detached = detached;
        this.dataRoot = dataRoot;
    }

    /** Start the monitor, which starts busybox unshare, which starts the init: the same init as in step01. */
    // tag::monitor-command[]
    @Override
    public Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath, ContainerLauncher.Stdio stdio)
            throws IOException {
        return ContainerLauncher.processBuilder(monitorCommand(namespaces, javaCommand, socketPath), stdio).start(); // <1>
    }
    // end::monitor-command[]

    /**
     * The control socket goes into the container's directory ({@link jrocker.step05.store.ContainerStore#reserve}
     * made it): removed with the container, whatever happens to jrocker.
     */
    @Override
    public ControlSocketPath controlSocket() throws IOException {
        return ControlSocketPath.in(directory);
    }

    /**
     * A start that fails before Ready: the monitor must go with all it started. {@code busybox setsid} made the
     * monitor the leader of a new process group, and busybox unshare and the init are in it; killing the
     * group reaches even a child forked a moment ago, which a list of the monitor's descendants could miss
     * (it would then find the control socket gone and say so on the user's terminal). Before setsid has run,
     * there is no group yet (ESRCH), and nothing below the monitor either.
     */
    @Override
    public void kill(Process monitor) {
        try {
            syscalls.kill(-monitor.pid(), Signals.SIGKILL);
        } catch (SyscallException e) {
            // ESRCH: not a group leader yet
        }
        monitor.destroyForcibly();
    }

    /** The monitor's command line: the script, its seven named arguments, then this step's java command. */
    // tag::monitor-command[]
    List<String> monitorCommand(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath) {
        List<String> command = new ArrayList<>(List.of(busybox.toString(), "setsid", busybox.toString(), "sh", "-c", // <2>
                MONITOR_SCRIPT, "jrocker-monitor", directory.toString(), id, socketPath.toString(),
                detached ? "reap" : "reap-if-orphaned", busybox.toString(), unshareFlags(namespaces), dataRoot.toString())); // <3>
        command.addAll(javaCommand); // <4>
        return command;
    }
    // end::monitor-command[]

    /**
     * busybox unshare's options for {@code namespaces}. PID implies --fork (a new PID namespace only applies
     * to children). There is no cgroup option: the init enters its cgroup namespace itself, after Go (step02).
     */
    static String unshareFlags(Set<Namespace> namespaces) {
        List<String> flags = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            switch (namespace) {
                case PID -> flags.add("--pid");
                case MOUNT -> flags.add("--mount");
                case UTS -> flags.add("--uts");
                case IPC -> flags.add("--ipc");
                case NETWORK -> flags.add("--net");
                case CGROUP -> throw new IllegalArgumentException("busybox unshare cannot create a cgroup namespace;"
                        + " the init enters it after Go");
            }
        }
        return String.join(" ", flags);
    }
}
