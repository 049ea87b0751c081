package jrocker.step05.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import jrocker.step05.image.Digest;

/**
 * Reads a blob and checks, when its end is reached, that it has the expected size and sha256; a blob that
 * is longer than expected fails as soon as the extra byte arrives, so a hostile archive cannot make us
 * read forever. Until the end, the bytes already handed out are <em>not yet verified</em>: a caller that
 * unpacks them must be ready to throw the result away (see {@link LayerStream}).
 */
public class VerifyingInputStream extends DigestingInputStream {
    private final Digest expectedDigest;
    private final long expectedSize;
    private final String what;
    private boolean verified;

    /**
     * @param expectedSize the size the descriptor gives, or -1 if none does
     * @param what         the blob, for messages: "blob sha256:... of layer 2 in the OCI layout /x"
     */
    public VerifyingInputStream(InputStream in, Digest expectedDigest, long expectedSize, String what) {
        super(in);
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        check(b < 0);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int got = super.read(buffer, offset, length);
        check(got < 0);
        return got;
    }

    /** Read (and discard) whatever is left, so that the whole blob is verified. */
    public void verifyRest() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    /** True once the end was reached and the blob passed. */
    public boolean isVerified() {
        return verified;
    }

    private void check(boolean atEnd) throws DigestMismatchException {
        // tag::exercise-verify-blob[]
        if (expectedSize >= 0 && size() > expectedSize) {
            throw new DigestMismatchException(what + " is larger than the " + expectedSize
                    + " bytes its descriptor says: the blob is corrupt");
        }
        if (!atEnd || verified) {
            return;
        }
        if (expectedSize >= 0 && size() < expectedSize) {
            throw new DigestMismatchException(what + " is " + size() + " bytes, but its descriptor says "
                    + expectedSize + ": the blob is truncated");
        }
        Digest actual = digest();
        if (!actual.equals(expectedDigest)) {
            throw new DigestMismatchException(what + " is corrupt: its content has digest " + actual
                    + ", not " + expectedDigest);
        }
        verified = true;
        // end::exercise-verify-blob[]
    }
}
