package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.container.ContainerException;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.cgroup.CgroupException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.store.ContainerStore;
import jrocker.step05.store.StoreLock;

/**
 * What happens once a container has exited, whoever notices first: the foreground {@code run} that waited
 * for it, the monitor of a detached container (through {@code jrocker reap ID}), or {@code rm}.
 * Every step is safe to repeat, and all of it happens under the container's lock.
 */
public final class ContainerReaper {
    private ContainerReaper() {
    }

    // tag::reaper[]
    /**
     * Write down how the container ended (its exit status, whether the OOM killer struck), remove its
     * cgroup, and with {@code --rm} remove the whole container. Returns the recorded state, or empty when
     * the container is gone (removed meanwhile, or now by --rm).
     */
    public static Optional<ContainerState> finish(ContainerRecord record, Path dataRoot) throws IOException {
        return finish(record, dataRoot, OptionalInt.empty());
    }

    /**
     * {@link #finish(ContainerRecord, Path)}, with the status the caller knows the container ended with when its
     * monitor could not write one: {@code stop} that had to SIGKILL a container whose monitor had died knows
     * it was 137.
     */
    public static Optional<ContainerState> finish(ContainerRecord record, Path dataRoot, OptionalInt knownStatus)
            throws IOException {
        try (StoreLock lock = lockIfExists(record)) { // <1>
            if (lock == null) {
                return Optional.empty();
            }
            if (!record.exists()) {
                return Optional.empty(); // an rm got here first
            }
            ContainerState state = record.state();
            if (state.pid1Alive()) {
                // Its monitor's child was killed, not PID 1: the status the monitor wrote is not PID 1's, and the
                // container runs on. Whoever ends it later records the end.
                Files.deleteIfExists(record.directory().resolve(ContainerRecord.EXIT_STATUS));
                return Optional.of(state);
            }
            if (!state.status().equals(ContainerState.EXITED)) { // <2>
                OptionalInt written = record.exitStatus(); // read once: the monitor may write it at any moment
                OptionalInt exitStatus = written.isPresent() ? written : knownStatus;
                boolean oomKilled = false;
                Optional<Cgroup> cgroup = Cgroup.find(record.config().id(), CgroupLayout.detect());
                if (cgroup.isPresent()) {
                    // Read the kernel's OOM counter before the cgroup, and the counter with it, is gone.
                    oomKilled = cgroup.get().oomCounter().isPresent() && cgroup.get().oomKilled(); // <3>
                    cgroup.get().remove();
                }
                Instant finished = written.isPresent()
                        ? Files.getLastModifiedTime(record.directory().resolve(ContainerRecord.EXIT_STATUS)).toInstant()
                        : Instant.now();
                state = state.exited(exitStatus.isPresent() ? exitStatus.getAsInt() : null, oomKilled, finished);
                record.writeState(state);
            }
            if (record.config().autoRemove()) { // <4>
                removeLocked(record, dataRoot);
                return Optional.empty();
            }
            return Optional.of(state);
        }
    }
    // end::reaper[]

    /**
     * Remove a container that no longer runs: its cgroup, its name, and its directory with its writable
     * layer. Never its volumes: they are host directories the container only had mounted.
     */
    public static void remove(ContainerRecord record, Path dataRoot) throws IOException {
        try (StoreLock lock = lockIfExists(record)) {
            if (lock != null && record.exists()) {
                removeLocked(record, dataRoot);
            }
        }
    }

    /** The container's lock, or null when its directory is gone (removed by another command). */
    private static StoreLock lockIfExists(ContainerRecord record) throws IOException {
        try {
            return record.lock();
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    private static void removeLocked(ContainerRecord record, Path dataRoot) throws IOException {
        ContainerConfig config = record.config();
        try {
            Cgroup.find(config.id(), CgroupLayout.detect()).ifPresent(Cgroup::remove);
        } catch (CgroupException e) {
            throw ContainerException.runtime("cannot remove container " + config.name() + ": " + e.getMessage()
                    + "; jrocker rm -f " + config.name() + " ends its processes first");
        }
        ContainerStore.open(new DataRoot(dataRoot)).remove(record.directory());
    }
}
