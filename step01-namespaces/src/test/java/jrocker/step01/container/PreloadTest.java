package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        for (Preload.Load failing : List.<Preload.Load>of(
                () -> { throw new IOException("no socket"); },
                () -> { throw new IllegalStateException("no libc"); },
                () -> { throw new UnsatisfiedLinkError("no libjnidispatch"); })) {
            Thread thread = Preload.inBackground("test-preload", failing);
            thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            thread.join(10_000);
            assertTrue(!thread.isAlive());
        }
        assertEquals(List.of(), uncaught);
    }

    @Test
    void theInitPreloadsLibcWithOneCheapSystemCall() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        RecordingSyscalls syscalls = new RecordingSyscalls() {
            @Override
            public int geteuid() {
                threads.add(Thread.currentThread().getName());
                return super.geteuid();
            }
        };
        Preload.forInit(syscalls).join(10_000);
        assertEquals(List.of("jrocker-init-preload"), threads);
        assertEquals(List.of(), syscalls.calls(), "nothing but loading");
    }
}
