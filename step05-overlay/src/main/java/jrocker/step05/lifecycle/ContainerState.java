package jrocker.step05.lifecycle;

import java.time.Instant;

/**
 * What jrocker last wrote down about a container, in {@code containers/ID/state.json}: created, then running
 * (with its PID 1), then exited (with its exit code). Whether a "running" container
 * still runs is not written anywhere: {@link ContainerRecord#status()} finds it out each time it is asked.
 *
 * @param status            "created", "running" or "exited"
 * @param pid               PID 1 of the container as the host numbers it; 0 before it ran
 * @param pidStartTime      that process' start time ({@link ProcessStartTime}): a PID reused by another
 *                          process later has another start time, so it is never taken for the container
 * @param startedAt         when it started (null before)
 * @param finishedAt        when it exited (null before)
 * @param exitCode          its exit status, 128+N for signal N; null while unknown
 * @param oomKilled         the kernel's OOM killer killed a process of it
 * @param monitorPid        its monitor ({@link UnderMonitor}), which writes the exit status when PID 1 exits;
 *                          0 before it ran (and in records written before jrocker kept it)
 * @param monitorStartTime  that process' start time
 */
public record ContainerState(String status, long pid, long pidStartTime, Instant startedAt, Instant finishedAt,
                             Integer exitCode, boolean oomKilled, long monitorPid, long monitorStartTime) {
    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    public static ContainerState created() {
        return new ContainerState(CREATED, 0, 0, null, null, null, false, 0, 0);
    }

    public ContainerState running(long pid, long pidStartTime, Instant startedAt) {
        return new ContainerState(RUNNING, pid, pidStartTime, startedAt, null, null, false, monitorPid, monitorStartTime);
    }

    /** The same state, with the monitor that watches PID 1 (written down with "running"). */
    public ContainerState watchedBy(long monitorPid, long monitorStartTime) {
        return new ContainerState(status, pid, pidStartTime, startedAt, finishedAt, exitCode, oomKilled, monitorPid,
                monitorStartTime);
    }

    public ContainerState exited(Integer exitCode, boolean oomKilled, Instant finishedAt) {
        return new ContainerState(EXITED, pid, pidStartTime, startedAt, finishedAt, exitCode, oomKilled, monitorPid,
                monitorStartTime);
    }

    /** True while PID 1 is alive: a process has the recorded PID and the recorded start time. */
    public boolean pid1Alive() {
        return pid > 0 && ProcessStartTime.isAlive(pid, pidStartTime);
    }

    /** True while the monitor is alive: it will still write the exit status and, if needed, reap. */
    public boolean monitorAlive() {
        return monitorPid > 0 && ProcessStartTime.isAlive(monitorPid, monitorStartTime);
    }
}
