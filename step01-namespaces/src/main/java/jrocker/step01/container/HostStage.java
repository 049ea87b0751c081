package jrocker.step01.container;

import java.io.IOException;

/**
 * One thing jrocker does on the host for a container, such as "create its cgroup and put the init in it"
 * or "unpack its root file system", together with its undo. A step's {@code run} writes out its host plan
 * as a list of these; {@link ContainerRun} does each at its moment and undoes them all at the end.
 *
 * <p>A stage acts at one or both of two moments: while the init JVM boots (before its plan is made: the
 * plan may name what the stage made, such as a root directory), and between the init's Ready and Go (when
 * the init waits, its host PID known). {@link #undo} runs once however the container ended, also when the
 * start failed before this stage did anything: it undoes only what this stage made.
 */
public interface HostStage {

    /** While the init boots: make what the init's plan needs (a root file system, a record). */
    default void whileInitBoots() throws IOException {
    }

    /** Between Ready and Go: the init waits, with host PID {@code initPid} (join a cgroup, open a terminal). */
    default void betweenReadyAndGo(long initPid) throws IOException {
    }

    /** Undo whatever this stage made; nothing if it made nothing. */
    default void undo() {
    }
}
