package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.OptionalInt;
import java.util.OptionalLong;
import jrocker.step05.store.StoreLock;

// tag::record[]
/**
 * Everything jrocker knows about one container, in its directory {@code DATA_ROOT/containers/ID/}:
 * <pre>
 *   config.json     what it was created with ({@link ContainerConfig}); written once
 *   state.json      created / running (PID, cgroup) / exited (exit code) ({@link ContainerState})
 *   exit-status     its exit status, written by the monitor the moment PID 1 exits
 *   container.log   stdout and stderr of a detached container
 *   lock            held while a command changes state.json or removes the container
 *   image           the image's ID (step05 part 1: rmi reads it); upper, work, merged: its overlay
 *   creating        while it is being made: who makes it ({@link jrocker.step05.store.ContainerStore})
 *   init-*.sock     the control socket, while its init (or an exec's) starts
 * </pre>
 * Every JSON file is replaced atomically (written aside, then renamed), so readers such as {@code ps} need
 * no lock: they see the old state or the new one. Writers take the lock, so two commands on one container
 * (a {@code stop} and the monitor recording the exit) never undo each other's change.
 */
public final class ContainerRecord {
    public static final String CONFIG = "config.json";
    public static final String STATE = "state.json"; // <1>
    public static final String EXIT_STATUS = "exit-status"; // <2>
    public static final String LOG = "container.log";
    private static final String LOCK = "lock"; // <3>
    // end::record[]

    private final Path directory;

    private ContainerRecord(Path directory) {
        this.directory = directory;
    }

    /** The record in {@code directory} (which may since have been removed: reading then fails). */
    public static ContainerRecord at(Path directory) {
        return new ContainerRecord(directory);
    }

    /** Write a new container's config and its "created" state. */
    public static ContainerRecord create(Path directory, ContainerConfig config) throws IOException {
        Files.createDirectories(directory);
        ContainerRecord record = new ContainerRecord(directory);
        StateJson.write(directory.resolve(CONFIG), config);
        record.writeState(ContainerState.created());
        return record;
    }

    public Path directory() {
        return directory;
    }

    /** True until the container is removed. */
    public boolean exists() {
        return Files.exists(directory.resolve(CONFIG));
    }

    public ContainerConfig config() throws IOException {
        return StateJson.read(directory.resolve(CONFIG), ContainerConfig.class);
    }

    public ContainerState state() throws IOException {
        return StateJson.read(directory.resolve(STATE), ContainerState.class);
    }

    public void writeState(ContainerState state) throws IOException {
        StateJson.write(directory.resolve(STATE), state);
    }

    /** Take this container's lock (waits while another command holds it). */
    public StoreLock lock() throws IOException {
        return StoreLock.acquire(directory.resolve(LOCK));
    }

    public Path log() {
        return logFile(directory);
    }

    /** The log of the container whose directory is {@code directory}, before its record exists (run -d). */
    public static Path logFile(Path directory) {
        return directory.resolve(LOG);
    }

    /** The exit status the monitor wrote when PID 1 exited, if it did. */
    public OptionalInt exitStatus() throws IOException {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(directory.resolve(EXIT_STATUS)).strip()));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The container's status now. state.json says what jrocker last wrote down; for a container written
     * down as running, the truth is found out from the processes that exist:
     * <ul>
     *   <li>its PID 1 is alive with the recorded start time: it runs (a reused PID has another start time),
     *       whatever else was written: an exit-status written while PID 1 lives is not PID 1's (the monitor's
     *       child was killed, and PID 1 was re-parented to the host's init);</li>
     *   <li>the monitor wrote {@code exit-status}: it exited, with that status, when the file was written;</li>
     *   <li>neither: it died with no one to record how (its monitor was killed, or the machine rebooted):
     *       exited, status unknown.</li>
     * </ul>
     */
    public ContainerStatus status() throws IOException {
        // tag::exercise-container-status[]
        ContainerState state = state();
        if (state.status().equals(ContainerState.EXITED)) {
            return new ContainerStatus(ContainerState.EXITED, state.exitCode(), state.finishedAt());
        }
        if (state.status().equals(ContainerState.RUNNING)) {
            OptionalLong startTime = ProcessStartTime.of(state.pid());
            if (startTime.isPresent() && startTime.getAsLong() == state.pidStartTime()) {
                return new ContainerStatus(ContainerState.RUNNING, null, state.startedAt());
            }
        }
        OptionalInt exitStatus = exitStatus();
        if (exitStatus.isPresent()) {
            FileTime written = Files.getLastModifiedTime(directory.resolve(EXIT_STATUS));
            return new ContainerStatus(ContainerState.EXITED, exitStatus.getAsInt(), written.toInstant());
        }
        if (state.status().equals(ContainerState.CREATED)) {
            return new ContainerStatus(ContainerState.CREATED, null, null);
        }
        return new ContainerStatus(ContainerState.EXITED, null, null);
        // end::exercise-container-status[]
    }
}
