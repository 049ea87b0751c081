package jrocker.step05.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import jrocker.step01.container.ContainerException;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.LifecycleSyscalls;

/**
 * Signals to a running container's PID 1, and the patience {@code stop} needs.
 *
 * <p>PID 1 of a PID namespace is special: the kernel does not apply a signal's default action to it, so a
 * SIGTERM it installed no handler for is simply dropped, even when sent from the host. {@code sleep},
 * {@code sh -c ...} and most programs that were not written to be an init ignore {@code stop}'s SIGTERM that
 * way. Only SIGKILL (and SIGSTOP), sent from outside the namespace, always work. So {@code stop} asks
 * politely, waits, then kills, like docker.
 */
public final class ContainerSignals {
    /** How long a SIGKILLed PID 1 may take to go before jrocker gives up on it. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final LifecycleSyscalls syscalls;
    private final Duration killTimeout;

    public ContainerSignals(LifecycleSyscalls syscalls) {
        this(syscalls, KILL_TIMEOUT);
    }

    /** With a shorter patience after SIGKILL, for tests of a container that never goes. */
    ContainerSignals(LifecycleSyscalls syscalls, Duration killTimeout) {
        this.syscalls = syscalls;
        this.killTimeout = killTimeout;
    }

    // tag::stop[]
    /** Send {@code signal} to the container's PID 1; false when it was not running. */
    public boolean signal(ContainerRecord record, int signal) throws IOException {
        if (!record.status().running()) { // <1>
            return false;
        }
        // status() just checked the PID's start time: this PID is the container's PID 1, not a reuse.
        try {
            syscalls.kill(record.state().pid(), signal); // <2>
            return true;
        } catch (SyscallException e) {
            if (e.errno() == Errno.ESRCH) { // <3>
                return false; // it exited in between
            }
            throw e;
        }
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

    /**
     * SIGKILL, then wait until the container has exited ({@code stop} after its grace period, {@code rm -f}).
     * A container still there after {@link #KILL_TIMEOUT} is a one-line error (a {@link ContainerException}),
     * so a command given several containers reports it and goes on with the others.
     */
    public void kill(ContainerRecord record) throws IOException {
        signal(record, Signals.SIGKILL);
        if (!awaitExit(record, killTimeout)) {
            throw ContainerException.runtime("container " + record.directory().getFileName().toString().substring(0, 12)
                    + " did not exit " + killTimeout.toSeconds() + " s after SIGKILL (a process stuck in the kernel, state D?)");
        }
    }

    /**
     * Wait until the container no longer runs. True when it exited within {@code timeout}. PID 1 is gone a
     * moment before its monitor has written the exit status; that moment is waited for too (up to two
     * seconds: a monitor that was killed writes nothing), so what {@code ps} shows next is complete.
     */
    public boolean awaitExit(ContainerRecord record, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (record.exists() && record.status().running()) {
            if (Instant.now().isAfter(deadline) || !pause()) {
                return false;
            }
        }
        Instant monitorDeadline = Instant.now().plusSeconds(2);
        while (record.exists() && record.exitStatus().isEmpty() && Instant.now().isBefore(monitorDeadline) && pause()) {
            // the monitor is writing exit-status
        }
        return true;
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
