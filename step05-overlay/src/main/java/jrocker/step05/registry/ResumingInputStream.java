package jrocker.step05.registry;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A download that survives a dropped connection: when a read fails (a reset, or the stream ends before
 * the size the descriptor gives), the blob is asked for again from where it broke off, with an HTTP
 * {@code Range} request, after a pause that doubles each time (the registry may be restarting, or
 * overloaded). After {@code maxRetries} retries the download fails with one line that names the blob and
 * the last failure. A registry's refusal
 * ({@link RegistryException}: 404, 401, ...) is not retried: asking again would give the same answer.
 *
 * <p>What is read is not verified here: the caller checks the whole stream against its digest, so a
 * resumed download that is stitched together wrong fails there, like any other corrupt blob.
 */
public final class ResumingInputStream extends InputStream {
    /** Opens the blob at {@code offset} (0: from the start). */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    /** Told before each retry: tests and progress lines. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int attempt, long offset, IOException cause);
    }

    private final Opener opener;
    private final long size;
    private final int maxRetries;
    private final long firstPauseMillis;
    private final RetryListener listener;
    private final String what;
    private InputStream in;
    private long position;
    private int retries;

    /**
     * @param size the blob's size from its descriptor: an earlier end is a broken connection
     * @param what the blob, for the message when it cannot be downloaded: "the blob sha256:... of quay.io/x/y"
     */
    ResumingInputStream(Opener opener, long size, int maxRetries, long firstPauseMillis, RetryListener listener,
            String what) {
        this.opener = opener;
        this.what = what;
        this.size = size;
        this.maxRetries = maxRetries;
        this.firstPauseMillis = firstPauseMillis;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int got = read(one, 0, 1);
        return got < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                if (in == null) {
                    in = opener.open(position);
                }
                int got = in.read(buffer, offset, length);
                if (got < 0 && position < size) {
                    throw new EOFException("the connection ended after " + position + " of " + size + " bytes");
                }
                if (got > 0) {
                    position += got;
                }
                return got;
            } catch (RegistryException | InterruptedIOException notWorthRetrying) {
                throw notWorthRetrying;
            } catch (IOException broken) {
                closeQuietly();
                if (retries >= maxRetries) {
                    throw new RegistryException("the download of " + what + " broke off " + (retries + 1)
                            + " times, the last time after " + position + " of " + size + " bytes: "
                            + (broken.getMessage() == null ? broken.getClass().getSimpleName() : broken.getMessage()),
                            broken);
                }
                retries++;
                listener.retrying(retries, position, broken);
                pause(firstPauseMillis << (retries - 1));
            }
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a download");
        }
    }

    private void closeQuietly() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is broken anyway
            }
            in = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
