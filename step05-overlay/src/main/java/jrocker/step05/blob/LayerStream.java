package jrocker.step05.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import jrocker.step05.image.Digest;

/**
 * A layer's uncompressed tar, checked at its end: the stored blob must match its digest and size, and
 * the uncompressed bytes must match the diff ID that the image config lists for this layer.
 *
 * <p>A tar reader stops at the archive's end marker and never reads the padding after it (nor, for a
 * compressed blob, the compression's trailer): so "the end of the stream" may never be reached by the
 * reader. Call {@link #finish()} after using the tar: it reads what is left and runs the checks.
 * {@link #close()} does <em>not</em> check: it is also called on error paths, where reading the rest of a
 * large layer would only delay the real error.
 */
public final class LayerStream extends InputStream {
    private final VerifyingInputStream stored;
    private final DigestingInputStream content;
    private final Digest diffId;
    private final String what;
    private boolean checked;

    LayerStream(VerifyingInputStream stored, InputStream uncompressed, Digest diffId, String what) {
        this.stored = stored;
        this.content = new DigestingInputStream(uncompressed);
        this.diffId = diffId;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = content.read();
        if (b < 0) {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int got = content.read(buffer, offset, length);
        if (got < 0) {
            check();
        }
        return got;
    }

    /** Read the rest of the layer and verify it; returns the size of the uncompressed tar. */
    public long finish() throws IOException {
        transferTo(OutputStream.nullOutputStream());
        check();
        return content.size();
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        stored.verifyRest(); // the decompressor may have stopped before the blob's last bytes
        Digest actual = content.digest();
        if (!actual.equals(diffId)) {
            throw new DigestMismatchException(what + " is corrupt: its uncompressed content has digest " + actual
                    + ", but the image config's rootfs.diff_ids says " + diffId);
        }
        checked = true;
    }

    @Override
    public void close() throws IOException {
        try {
            content.close();
        } finally {
            stored.close();
        }
    }
}
