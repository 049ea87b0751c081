package jrocker.step01.container;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure the JDK has an idle "process reaper" thread before a thread enters a new PID namespace.
 *
 * <p>{@link ProcessBuilder#start()} hands the new process to a reaper thread, which waits for it to exit.
 * The reaper threads are a pool: when none is idle, {@code start()} creates one, from the calling thread.
 * But a thread that called unshare(CLONE_NEWPID) cannot create threads any more (the kernel refuses
 * CLONE_THREAD with EINVAL while the caller's children would be born in another PID namespace than its
 * own), so {@code start()} would fail there with "unable to create native thread", after the init was
 * already started. Starting and waiting for one short process first leaves an idle reaper in the pool
 * (idle ones live for 60 seconds), which the next {@code start()} reuses.
 */
public final class ProcessReaper {
    private ProcessReaper() {
    }

    // tag::ensure-idle[]
    /** Start {@code true} and wait for it, and for its reaper thread to be back in the pool, idle. */
    public static void ensureIdleThread() throws IOException {
        if (idleReaperExists()) {
            return; // one is waiting for work already (Preload left it)
        }
        String command = Files.isExecutable(Path.of("/bin/true")) ? "/bin/true" : "true";
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor(); // returns when the reaper has seen the exit, just before it becomes idle
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // An idle reaper waits for work in a timed poll; one that waits for a process is in native code.
        long deadline = System.nanoTime() + 200_000_000L;
        while (!idleReaperExists() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
    // end::ensure-idle[]

    private static boolean idleReaperExists() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (threads[i].getName().equals("process reaper") && threads[i].getState() == Thread.State.TIMED_WAITING) {
                return true;
            }
        }
        return false;
    }
}
