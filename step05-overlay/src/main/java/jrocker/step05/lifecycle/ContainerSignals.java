package jrocker.step05.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import jrocker.step01.container.ContainerException;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.cgroup.CgroupException;
import jrocker.step05.linux.LifecycleSyscalls;

/**
 * Signals to a running container, and the patience {@code stop} needs.
 *
 * <p>PID 1 of a PID namespace is special: the kernel does not apply a signal's default action to it, so a
 * SIGTERM it installed no handler for is simply dropped, even when sent from the host. {@code sleep},
 * {@code sh -c ...} and most programs that were not written to be an init ignore {@code stop}'s SIGTERM that
 * way. Only SIGKILL (and SIGSTOP), sent from outside the namespace, always work. So {@code stop} asks
 * politely, waits, then kills, like docker.
 *
 * <p>Who is asked and who is killed differ. A polite signal goes to PID 1 alone, through a pidfd so that it
 * can never reach a process that got PID 1's number after it exited. The kill goes to every process in the
 * container's cgroup ({@link Cgroup#killAll}): the cgroup, not a process tree, owns a container's processes,
 * so even a PID 1 whose monitor died (re-parented to the host's init) is found and ended.
 */
public final class ContainerSignals {
    /** How long a SIGKILLed container may take to go before jrocker gives up on it. */
    public static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final LifecycleSyscalls syscalls;
    private final Function<String, Optional<Cgroup>> cgroups;
    private final Duration killTimeout;

    public ContainerSignals(LifecycleSyscalls syscalls) {
        this(syscalls, id -> Cgroup.find(id, CgroupLayout.detect()), KILL_TIMEOUT);
    }

    /**
     * @param cgroups     a container's cgroup by its ID (tests: one on a pretend cgroupfs)
     * @param killTimeout the patience after SIGKILL (tests: shorter, for a container that never goes)
     */
    ContainerSignals(LifecycleSyscalls syscalls, Function<String, Optional<Cgroup>> cgroups, Duration killTimeout) {
        this.syscalls = syscalls;
        this.cgroups = cgroups;
        this.killTimeout = killTimeout;
    }

    // tag::stop[]
    /** Send {@code signal} to the container's PID 1; false when it was not running. */
    public boolean signal(ContainerRecord record, int signal) throws IOException {
        if (!record.status().running()) { // <1>
            return false;
        }
        ContainerState state = record.state();
        return signalProcess(state.pid(), state.pidStartTime(), signal); // <2>
    }

    /** SIGTERM, up to {@code grace} for it to exit, then SIGKILL. Returns the signal that ended it (0: not running). */
    public int stop(ContainerRecord record, Duration grace) throws IOException {
        // tag::exercise-stop-escalation[]
        if (!signal(record, Signals.SIGTERM)) {
            return 0;
        }
        if (awaitExit(record, grace)) {
            return Signals.SIGTERM;
        }
        kill(record);
        return Signals.SIGKILL;
        // end::exercise-stop-escalation[]
    }
    // end::stop[]

    // tag::pidfd-signal[]
    /**
     * Send {@code signal} to process {@code pid} if it is still the one that started at {@code startTime}; false
     * when it is gone. The pidfd is opened first and the start time checked after: from the moment the
     * descriptor exists it means that one process, so a check that passes then stays true until the signal is
     * delivered. A kernel older than 5.3 has no pidfds: there kill(2) follows the check, and a PID reused in the
     * microseconds between the two would get the signal.
     */
    boolean signalProcess(long pid, long startTime, int signal) {
        try {
            OptionalInt pidfd = syscalls.pidfdOpen(pid); // <1>
            if (pidfd.isEmpty()) {
                if (!ProcessStartTime.isAlive(pid, startTime)) {
                    return false;
                }
                syscalls.kill(pid, signal); // <2>
                return true;
            }
            try {
                if (!ProcessStartTime.isAlive(pid, startTime)) { // <3>
                    return false;
                }
                syscalls.pidfdSendSignal(pidfd.getAsInt(), signal); // <4>
                return true;
            } finally {
                syscalls.closeFd(pidfd.getAsInt());
            }
        } catch (SyscallException e) {
            if (e.errno() == Errno.ESRCH) {
                return false; // it exited in between
            }
            throw ContainerException.runtime("cannot send " + Signals.name(signal) + " to process " + pid + ": "
                    + e.getMessage());
        }
    }
    // end::pidfd-signal[]

    // tag::kill[]
    /**
     * SIGKILL every process of the container, through its cgroup, then wait until they are gone ({@code stop}
     * after its grace period, {@code rm -f}). Works whether PID 1 runs or not: a half-created container's init,
     * a PID 1 whose monitor died, a straggler. A container still there after {@link #KILL_TIMEOUT} is a one-line
     * error (a {@link ContainerException}), so a command given several containers reports it and goes on.
     */
    public void kill(ContainerRecord record) throws IOException {
        Optional<Cgroup> cgroup = cgroups.apply(record.directory().getFileName().toString());
        try {
            if (cgroup.isPresent()) {
                cgroup.get().killAll(pid -> syscalls.kill(pid, Signals.SIGKILL)); // <1>
            } else {
                signal(record, Signals.SIGKILL); // <2>
            }
        } catch (CgroupException | SyscallException e) {
            throw ContainerException.runtime("cannot kill the processes of container " + shortId(record) + ": "
                    + e.getMessage());
        }
        if (!awaitExit(record, killTimeout)) {
            throw ContainerException.runtime("container " + shortId(record) + " did not exit "
                    + killTimeout.toSeconds() + " s after SIGKILL (a process stuck in the kernel, state D?)");
        }
    }
    // end::kill[]

    /**
     * Wait until the container no longer runs: its PID 1 is gone and its cgroup has no process left. True when
     * that happened within {@code timeout}. PID 1 is gone a moment before its monitor has written the exit
     * status; while the monitor lives that moment is waited for too (up to two seconds), so what {@code ps}
     * shows next is complete. A dead monitor writes nothing: then there is nothing to wait for.
     */
    public boolean awaitExit(ContainerRecord record, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        Optional<Cgroup> cgroup = cgroups.apply(record.directory().getFileName().toString());
        while (record.exists() && (record.status().running() || hasProcesses(cgroup))) {
            if (Instant.now().isAfter(deadline) || !pause()) {
                return false;
            }
        }
        Instant monitorDeadline = Instant.now().plusSeconds(2);
        while (record.exists() && record.exitStatus().isEmpty() && record.state().monitorAlive()
                && Instant.now().isBefore(monitorDeadline) && pause()) {
            // the monitor is writing exit-status
        }
        return true;
    }

    /** True while any process is in the container's cgroup (PID 1, or a straggler of it). */
    public boolean hasProcesses(ContainerRecord record) {
        return hasProcesses(cgroups.apply(record.directory().getFileName().toString()));
    }

    private static boolean hasProcesses(Optional<Cgroup> cgroup) {
        try {
            return cgroup.isPresent() && !cgroup.get().processes().isEmpty();
        } catch (RuntimeException removed) {
            return false; // its cgroup was removed meanwhile (the monitor's reaper)
        }
    }

    private static String shortId(ContainerRecord record) {
        return record.directory().getFileName().toString().substring(0, 12);
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
