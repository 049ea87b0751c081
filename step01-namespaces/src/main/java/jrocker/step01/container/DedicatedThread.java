package jrocker.step01.container;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Run some work in a new thread of its own and wait for its result. This is how a JVM enters namespaces:
 * unshare(2) and setns(2) move only the calling thread, so the work that must happen inside (start the
 * init, mount something privately) runs in a thread that exists for it alone and ends with it. The other
 * threads of the JVM never notice.
 */
public final class DedicatedThread {
    private DedicatedThread() {
    }

    /** The work, which may fail with an IOException. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    // tag::run[]
    /** Run {@code work} in a new thread named {@code name}; its exceptions are rethrown here. */
    public static <T> T run(String name, Work<T> work) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.start();
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
    }
    // end::run[]
}
