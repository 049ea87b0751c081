package jrocker.step01.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import jrocker.step01.linux.Syscalls;

// tag::preload[]
/**
 * Loads, on a second thread, the slow parts of the JDK and of JNA that starting a container will need, while
 * the main thread does something else that does not need them. Each of these parts is loaded and set up
 * once per JVM, on first use, and costs tens of milliseconds (measured in the book's performance appendix):
 * <ul>
 *   <li>JNA: its native library and the binding of libc's functions ({@link Syscalls#loadLibc});</li>
 *   <li>Unix domain sockets: the JDK's class for them seeds a {@link java.security.SecureRandom} when it is
 *       first used, which sets up the security providers and a SHA-1 digest;</li>
 *   <li>starting a process: the JDK's process classes and its "process reaper" thread.</li>
 * </ul>
 * Used one after the other on the main thread, they add up; loaded here they cost nothing on the main
 * thread as long as the machine has a second core, and when the main thread needs one before it is ready,
 * the JVM makes it wait for the class being set up (class initialisation is thread-safe): never slower
 * than without. Nothing here has an effect besides loading: a failure is ignored, the main thread meets
 * it again where it can report it.
 */
public final class Preload {
    private Preload() {
    }

    /** The CLI's preload thread, once started. */
    private static volatile Thread containerStart;

    /**
     * A command whose CLI starts containers without a system call of its own: step05's {@code run}, whose
     * namespaces busybox makes, and which checks for root in /proc. The CLI's preload leaves JNA out for it: on
     * a machine with two cores, the init JVM booting meanwhile needs the CPU more. (With {@code -t} or
     * {@code --rootfs} such a command loads JNA when it first needs it.)
     */
    public interface WithoutLibc {
    }

    /**
     * The CLI of {@code run} and {@code exec} (the class of the command, if known): everything above, while
     * picocli reads the command line; JNA and libc unless the command is {@link WithoutLibc}.
     */
    public static Thread forContainerStart(Syscalls syscalls, Class<?> command) {
        boolean libc = command == null || !WithoutLibc.class.isAssignableFrom(command);
        return containerStart = inBackground("jrocker-preload", () -> {
            if (libc) {
                syscalls.loadLibc();
            }
            ServerSocketChannel.open(StandardProtocolFamily.UNIX).close();
            ContainerId.random();
            ProcessReaper.ensureIdleThread();
        });
    }

    /**
     * The init: JNA and libc, for the stages, while the main thread connects to jrocker and reads its plan.
     * The init joins the thread before its stages, so that no other thread runs when it execs.
     */
    public static Thread forInit(Syscalls syscalls) {
        return inBackground("jrocker-init-preload", new Load() { // no lambda on the init's path
            @Override
            public void run() {
                syscalls.loadLibc();
            }
        });
    }

    /**
     * Wait until the CLI's preload, if any, is done. The thread that starts the init must find an idle process
     * reaper (see {@link ProcessReaper}); the preload starts a process of its own, which could take it.
     */
    public static void awaitContainerStart() {
        Thread thread = containerStart;
        if (thread != null) {
            await(thread);
        }
    }

    /** Wait for {@code thread} to end, however long it takes; an interrupt is kept for the caller. */
    public static void await(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Something that may throw; whatever it throws is ignored. */
    @FunctionalInterface
    interface Load {
        void run() throws IOException;
    }

    /** Run {@code load} on a daemon thread: it never keeps the JVM alive, and an exec ends it with the rest. */
    static Thread inBackground(String name, Load load) {
        Thread thread = new Thread(new Runnable() { // a class, not a lambda: see ControlChannel#receiveOr
            @Override
            public void run() {
                try {
                    load.run();
                } catch (IOException | RuntimeException | LinkageError ignored) {
                    // the main thread meets the same failure where it can report it
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
// end::preload[]
