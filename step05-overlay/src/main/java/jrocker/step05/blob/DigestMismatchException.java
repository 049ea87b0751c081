package jrocker.step05.blob;

import jrocker.step05.image.ImageException;

/**
 * Content does not match the digest or the size that names it: a corrupt or truncated blob, or a layer
 * whose uncompressed content is not the diff ID in the image config. Content addressing exists to catch
 * exactly this, so jrocker never uses such content.
 */
public class DigestMismatchException extends ImageException {
    private static final long serialVersionUID = 1L;

    public DigestMismatchException(String message) {
        super(message);
    }
}
