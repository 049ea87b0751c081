package jrocker.step05.container;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.HostStage;
import jrocker.step01.container.InitPlan;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ProcessStartTime;

/**
 * A container from an image, as the host plan of {@code run} and {@code start} holds it: a new one
 * ({@link ContainerFromImage}, made by {@code run}) or one that exists and is started again
 * ({@link RestartedContainer}). Either way, once {@link #whileInitBoots} is done it knows its layers, its
 * command and where it starts, and the init can mount its overlay; the rest of the run is the same.
 */
public interface ImageContainer extends HostStage {
    /** The container's directory, there before the init starts: a new one is reserved now, an existing one is. */
    Path reserveDirectory() throws IOException;

    /** The container's root: the overlay's merged directory. */
    Path root();

    /** The image's layers under the container's own, mounted by the init at {@link #root}. */
    MountOverlay overlay();

    /** The image's layers, top first: where the container's /etc/passwd is, before its root is mounted. */
    List<Path> layersTopFirst();

    /** Who the container runs as when the run does not say (the image's User, "" for root). */
    String imageUser();

    /** What the container runs. */
    InitPlan.Command command();

    /** Where the command starts in the container; "" for the root. */
    String workingDirectory();

    /** The container's command runs: write that down, with its PID 1. */
    void running(Container container);

    /** Write down in {@code record} that {@code container} runs, with its PID 1, its monitor and their start times. */
    static void recordRunning(ContainerRecord record, Container container) {
        try (var lock = record.lock()) {
            // The monitor too: while it lives, it will write the exit status (stop waits for that); once it is
            // dead, the commands that end the container record the end themselves.
            record.writeState(record.state().watchedBy(container.startedPid(), ProcessStartTime.of(container.startedPid()).orElse(0))
                    .running(container.pid(), ProcessStartTime.of(container.pid()).orElse(0), Instant.now()));
        } catch (IOException e) {
            throw ContainerException.runtime("cannot record container " + record.directory().getFileName()
                    + " as running: " + e.getMessage());
        }
    }
}
