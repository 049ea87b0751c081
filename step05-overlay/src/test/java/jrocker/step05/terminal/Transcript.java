package jrocker.step05.terminal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A screen for tests: keeps everything the relay wrote, and lets the test wait for some text to appear. */
final class Transcript extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] buffer, int offset, int length) {
        bytes.write(buffer, offset, length);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Wait until the transcript contains {@code expected}; fail with what it holds after {@code timeout}. */
    synchronized void awaitText(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no \"" + expected + "\" within " + timeout + "; the screen shows: " + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
