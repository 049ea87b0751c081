package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import jrocker.step01.linux.RecordingSyscalls;
import org.junit.jupiter.api.Test;

class PreloadTest {

    @Test
    void theLoadRunsOnADaemonThreadThatNeverKeepsTheJvmAlive() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Thread thread = Preload.inBackground("test-preload", () -> ran.set(true));
        assertTrue(thread.isDaemon());
        thread.join(10_000);
        assertTrue(ran.get());
    }

    @Test
    void whatALoadThrowsIsLeftForTheMainThreadToMeet() throws InterruptedException {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        List<Throwable> failures = List.of(new IOException("no socket"), new IllegalStateException("no libc"),
                new UnsatisfiedLinkError("no libjnidispatch"));
        for (Throwable failure : failures) {
            CountDownLatch handlerSet = new CountDownLatch(1);
            Thread thread = Preload.inBackground("test-preload", () -> {
                awaitQuietly(handlerSet); // throw only once the handler below would see it
                throwUnchecked(failure);
            });
            thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            handlerSet.countDown();
            thread.join(10_000);
            assertFalse(thread.isAlive());
        }
        assertEquals(List.of(), uncaught);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable failure) throws T {
        throw (T) failure;
    }

    @Test
    void theInitPreloadsLibcWithoutASystemCall() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        RecordingSyscalls syscalls = libcLoadsOn(threads);
        Preload.forInit(syscalls).join(10_000);
        assertEquals(List.of("jrocker-init-preload"), threads);
        assertEquals(List.of(), syscalls.calls(), "nothing but loading");
    }

    /** step05's run: busybox makes its namespaces. */
    static final class StartsWithoutLibc implements Preload.WithoutLibc {
    }

    @Test
    void theClisPreloadLeavesLibcOutForACommandThatStartsContainersWithoutIt() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        Preload.forContainerStart(libcLoadsOn(threads), StartsWithoutLibc.class).join(10_000);
        assertEquals(List.of(), threads);
        Preload.forContainerStart(libcLoadsOn(threads), Object.class).join(10_000);
        Preload.forContainerStart(libcLoadsOn(threads), null).join(10_000);
        assertEquals(List.of("jrocker-preload", "jrocker-preload"), threads);
    }

    private static RecordingSyscalls libcLoadsOn(List<String> threads) {
        return new RecordingSyscalls() {
            @Override
            public void loadLibc() {
                threads.add(Thread.currentThread().getName());
            }
        };
    }
}
