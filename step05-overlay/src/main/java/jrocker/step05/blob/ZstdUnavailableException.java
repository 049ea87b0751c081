package jrocker.step05.blob;

import jrocker.step05.image.ImageException;

/** A zstd-compressed layer cannot be read because zstd-jni's native library cannot be loaded. */
public class ZstdUnavailableException extends ImageException {
    private static final long serialVersionUID = 1L;

    public ZstdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
