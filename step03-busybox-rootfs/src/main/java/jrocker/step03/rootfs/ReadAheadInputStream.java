package jrocker.step03.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead, in a thread of its own, while the caller works on what was read before: unpacking a
 * layer is two jobs of about the same size, decompressing and hashing the archive (in the source stream's
 * reads) and creating files (in the caller), and with two CPUs they can run side by side.
 *
 * <p>At most {@value #CHUNKS} chunks of {@value #CHUNK_SIZE} bytes wait between the two. The source is read
 * to its end (or its first failure, which the caller then gets from {@link #read}). {@link #close} stops
 * the reading thread and waits for it; it does not close the source. Read to the end before closing when
 * the source's owner still needs it (a layer's digest covers every byte): what the thread read ahead and
 * nobody took is dropped at close.
 */
public final class ReadAheadInputStream extends InputStream {
    static final int CHUNK_SIZE = 1 << 18;
    static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread reader;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    public ReadAheadInputStream(InputStream source, String name) {
        this.reader = new Thread(() -> readAll(source), name);
        reader.setDaemon(true);
        reader.start();
    }

    // tag::read-ahead[]
    private void readAll(InputStream source) {
        try {
            while (!closed) {
                byte[] chunk = source.readNBytes(CHUNK_SIZE);
                if (chunk.length == 0) {
                    break;
                }
                chunks.put(chunk);
            }
            chunks.put(END);
        } catch (IOException | RuntimeException | Error e) {
            offer(e);
        } catch (InterruptedException e) {
            // closed: nobody reads any more
        }
    }
    // end::read-ahead[]

    private void offer(Throwable failure) {
        try {
            chunks.put(failure);
        } catch (InterruptedException e) {
            // closed: nobody reads any more
        }
    }

    /** Make the next chunk current; false at the end. */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        Object next;
        try {
            next = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next instanceof IOException failure) {
            ended = true;
            throw failure; // as it is: callers tell corrupt data from other failures by the type
        }
        if (next instanceof RuntimeException failure) {
            ended = true;
            throw failure;
        }
        if (next instanceof Error failure) {
            ended = true;
            throw failure;
        }
        if (next == END) {
            ended = true;
            return false;
        }
        current = (byte[]) next;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        while (position == current.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    /** Stop the reading thread (it may be waiting for room, or in the middle of a read) and wait for it to end. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // No interrupt: a read from a file channel that is interrupted closes the channel. The thread ends
        // after its current read, once there is room for what it read.
        boolean interrupted = false;
        while (reader.isAlive()) {
            chunks.clear();
            try {
                reader.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        chunks.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
