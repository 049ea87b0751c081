package jrocker.step05.terminal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/** A keyboard for tests: what the test types is what the relay reads; closing it ends the input. */
final class Keyboard extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;

    void type(String text) {
        typed.add(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (current == END) {
            return -1;
        }
        while (position == current.length) {
            try {
                current = typed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public void close() {
        typed.add(END);
    }
}
