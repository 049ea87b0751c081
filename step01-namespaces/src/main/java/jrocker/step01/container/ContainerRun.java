package jrocker.step01.container;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import jrocker.step01.linux.Namespace;

/**
 * One run of a container, the part every step's {@code run} shares: boot the init, do the host plan's
 * stages, send the init plan, wait, and, however it ends (the command exited, the start failed, jrocker
 * was stopped with Ctrl-C or SIGTERM), kill what still runs and undo the host stages, in reverse order.
 * A step's {@code run} calls it with its plans; what a step adds is in its plans, not here.
 *
 * <p>The init is a JVM: it needs tens of milliseconds to boot. So it is started first, and the host
 * stages do their first part ({@link HostStage#whileInitBoots}) meanwhile; the init waits for its plan,
 * which is made after them because it may name what they made (a root directory, an image's layers).
 */
public final class ContainerRun {
    /** Where the container's stdio comes from; may create files (a log), so it is asked for under the run's guard. */
    @FunctionalInterface
    public interface StdioSource {
        ContainerLauncher.Stdio open() throws IOException;
    }

    /** The init plan, made once the host stages' first part is done. */
    @FunctionalInterface
    public interface InitPlanSource {
        InitPlan make() throws IOException;
    }

    /** What the run does once the container's command runs: wait for it (or leave it running) and give the exit code. */
    @FunctionalInterface
    public interface Wait {
        int forContainer(Container container) throws IOException;
    }

    private final ContainerLauncher launcher;
    private final Set<Namespace> namespaces;
    private final StdioSource stdio;
    private final List<HostStage> hostPlan;

    /**
     * Creating things (the host stages) and removing them (stopAndUndo) never overlap: the shutdown hook runs
     * while the main thread goes on, and must neither miss a cgroup being created nor let one be created
     * after it cleaned up.
     */
    private final Object lifecycle = new Object();
    private boolean stopping;
    private boolean leftRunning;

    /**
     * @param launcher   what starts the init (step05: one with a monitor process above it)
     * @param namespaces the new namespaces the init is born in
     * @param stdio      the container's stdin, stdout and stderr
     * @param hostPlan   the host stages, in order; undone in reverse order
     */
    public ContainerRun(ContainerLauncher launcher, Set<Namespace> namespaces, StdioSource stdio, List<HostStage> hostPlan) {
        this.launcher = launcher;
        this.namespaces = Set.copyOf(namespaces);
        this.stdio = stdio;
        this.hostPlan = List.copyOf(hostPlan);
    }

    // tag::run[]
    /** Start the container with the init plan {@code initPlan} makes, then {@code wait}; undo it all at the end. */
    public int run(InitPlanSource initPlan, Wait wait) throws IOException {
        // If jrocker itself is stopped (Ctrl-C, SIGTERM), the JVM runs its shutdown hooks and then halts
        // without finishing this method: the hook kills the container and undoes the host stages, so a
        // foreground container never outlives its run and leaves nothing behind.
        Thread onShutdown = new Thread(this::stopAndUndo, "jrocker-stop-container");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            synchronized (lifecycle) {
                requireNotStopping();
                launcher.bootInit(namespaces, stdio.open());
                Trace.phase("init started");
                for (HostStage stage : hostPlan) {
                    stage.whileInitBoots();
                }
                Trace.phase("host stages done");
            }
            InitPlan plan = initPlan.make();
            Trace.phase("init plan made");
            Container container = launcher.completeStart(plan, initPid -> {
                Trace.phase("init Ready");
                synchronized (lifecycle) {
                    requireNotStopping();
                    for (HostStage stage : hostPlan) {
                        stage.betweenReadyAndGo(initPid);
                    }
                }
                Trace.phase("between Ready and Go done (cgroups): Go");
            });
            Trace.phase("command exec'd");
            int status = wait.forContainer(container);
            Trace.phase("container exited");
            return status;
        } finally {
            stopAndUndo();
            Trace.phase("container undone");
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }
    // end::run[]

    /**
     * The container keeps running after {@code run} returns (step05's {@code run -d}): it is neither killed
     * nor undone; its monitor takes over. Call it from {@link Wait} once the container has started.
     */
    public void leaveRunning() {
        synchronized (lifecycle) {
            leftRunning = true;
        }
    }

    private void requireNotStopping() {
        if (stopping) {
            throw ContainerException.runtime("jrocker was stopped before the container started");
        }
    }

    /**
     * Kill the container's init if it runs, then undo every host stage, last first, once, from whichever thread
     * comes first. Every stage is undone, also one that never ran (each undoes only what it made); one that
     * fails does not keep the others from being undone, and the first failure is thrown at the end.
     */
    private void stopAndUndo() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            if (leftRunning) {
                return;
            }
            launcher.killInit(5);
            List<HostStage> lastFirst = new ArrayList<>(hostPlan);
            Collections.reverse(lastFirst);
            EveryOne.tryEach(lastFirst, HostStage::undo);
        }
    }
}
