package jrocker.step05.container;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.InitPlan;
import jrocker.step03.container.DataRoot;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerState;
import jrocker.step05.store.ImageStore;

// tag::restart[]
/**
 * {@code start}: a container that has run and exited, run again, with what it was made with. Its directory
 * is kept, and with it its own layer ({@code upper}): what its processes wrote last time is there again, on
 * top of the same image. Its name, command, environment, working directory, hostname, volumes and terminal
 * come from its {@code config.json}; its limits and stdin from {@code hostconfig.json}; its walls from
 * {@code walls.json}. Only the processes are new, with a new PID 1 and a new cgroup.
 *
 * <p>Two {@code start}s of one container must not both run it: each holds the container's {@code start.lock}
 * from before it looks at the status until the container runs (or the start failed). The second then finds
 * it running, and leaves it be, as docker does.
 */
public final class RestartedContainer implements ImageContainer {
    private static final String START_LOCK = "start.lock";

    private final DataRoot dataRoot;
    private final ContainerRecord record;
    private final ContainerConfig config;
    private final PrintWriter err;
    private FileChannel startLockFile;
    private FileLock startLock;
    private List<Path> layersTopFirst;
    private volatile boolean started;

    private RestartedContainer(DataRoot dataRoot, ContainerRecord record, ContainerConfig config, PrintWriter err,
                               FileChannel startLockFile, FileLock startLock) {
        this.dataRoot = dataRoot;
        this.record = record;
        this.config = config;
        this.err = err;
        this.startLockFile = startLockFile;
        this.startLock = startLock;
    }

    /**
     * The container of {@code record}, to be started; empty when it runs already. Waits while another
     * {@code start} of it is under way. Call {@link #release} if it is not handed to a run after all.
     */
    public static Optional<RestartedContainer> claim(DataRoot dataRoot, ContainerRecord record, PrintWriter err)
            throws IOException {
        FileChannel file = FileChannel.open(record.directory().resolve(START_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = file.lock();
            if (record.status().running()) {
                lock.release();
                file.close();
                return Optional.empty();
            }
            return Optional.of(new RestartedContainer(dataRoot, record, record.config(), err, file, lock));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** What the container was made with. */
    public ContainerConfig config() {
        return config;
    }

    @Override
    public void whileInitBoots() throws IOException {
        ImageStore store = ImageStore.open(dataRoot);
        var image = store.find(config.imageId()).orElseThrow(() -> ContainerException.runtime("the image "
                + config.imageId() + " of container " + config.name() + " is no longer in the store"));
        layersTopFirst = store.layerDirectoriesTopFirst(image);
        // An exit was written down when the last run ended (else the reaper does it now, and removes the old cgroup);
        // the monitor's exit-status file of that run must go, or the new run would look exited from its start.
        if (!record.state().status().equals(ContainerState.EXITED) || config.autoRemove()) {
            ContainerReaper.finish(record, dataRoot.path());
        }
        if (!record.exists()) {
            throw ContainerException.runtime("container " + config.name() + " was removed when it exited (run --rm)");
        }
        Files.deleteIfExists(record.directory().resolve(ContainerRecord.EXIT_STATUS));
    }
    // end::restart[]

    /** Its directory is there: it is started again. */
    @Override
    public Path reserveDirectory() {
        return record.directory();
    }

    @Override
    public Path root() {
        return record.directory().resolve("merged");
    }

    @Override
    public MountOverlay overlay() {
        return new MountOverlay(layersTopFirst.stream().map(Path::toString).toList(),
                record.directory().resolve("upper").toString(), record.directory().resolve("work").toString(),
                root().toString());
    }

    @Override
    public List<Path> layersTopFirst() {
        return layersTopFirst;
    }

    /** walls.json already has the user the container ran as: the image's, unless --user said otherwise. */
    @Override
    public String imageUser() {
        return "";
    }

    @Override
    public InitPlan.Command command() {
        return new InitPlan.Command(config.argv(), config.env());
    }

    @Override
    public String workingDirectory() {
        return config.workingDir() == null ? "" : config.workingDir();
    }

    @Override
    public void running(Container container) {
        ImageContainer.recordRunning(record, container);
        started = true;
        release();
    }

    /**
     * The container ended, or never started: record how it ended (its cgroup goes); one that never started
     * stays as it was before, exited, with its files.
     */
    @Override
    public void undo() {
        try {
            if (started) {
                ContainerReaper.finish(record, dataRoot.path());
            } else {
                Files.deleteIfExists(record.directory().resolve(ContainerRecord.EXIT_STATUS));
            }
        } catch (IOException | RuntimeException e) {
            err.println("jrocker: could not record the end of container " + config.name() + ": " + e.getMessage());
            err.flush();
        } finally {
            release();
        }
    }

    /** Let another start of this container go on. Idempotent. */
    public synchronized void release() {
        try {
            if (startLock != null) {
                startLock.release();
                startLockFile.close();
            }
        } catch (IOException e) {
            // closing the file releases the lock in any case
        } finally {
            startLock = null;
            startLockFile = null;
        }
    }
}
