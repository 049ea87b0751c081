package jrocker.step05.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import jrocker.step05.image.Digest;

/**
 * Passes bytes through unchanged while computing their sha256 and counting them, so a blob is hashed in
 * the same pass that reads it: a 500 MB layer is read once, not twice. {@link #digest()} is the digest of
 * everything read so far. {@code mark}/{@code reset} are not supported (re-reading would hash twice).
 */
public class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long size;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    /** Copy {@code in} to its end, discarding the bytes, and return their digest and size. */
    public static Measured measure(InputStream in) throws IOException {
        DigestingInputStream digesting = new DigestingInputStream(in);
        digesting.transferTo(OutputStream.nullOutputStream());
        return new Measured(digesting.digest(), digesting.size());
    }

    /** A digest and the number of bytes it covers. */
    public record Measured(Digest digest, long size) {
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
            size++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int got = in.read(buffer, offset, length);
        if (got > 0) {
            sha256.update(buffer, offset, got);
            size += got;
        }
        return got;
    }

    /** Skipping would leave bytes out of the digest, so skipped bytes are read (and hashed). */
    @Override
    public long skip(long count) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < count) {
            int got = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: see markSupported()
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("DigestingInputStream does not support reset()");
    }

    /** The digest of the bytes read so far. */
    public Digest digest() {
        try {
            return Digest.of(((MessageDigest) sha256.clone()).digest()); // a clone: reading may go on
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** The number of bytes read so far. */
    public long size() {
        return size;
    }
}
