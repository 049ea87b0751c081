package jrocker.step05.image;

import java.io.IOException;

/**
 * An image cannot be read: something is missing, corrupt or of a kind jrocker does not handle. Every
 * message is one line that says where (which archive, which blob or layer) and what to do, so the CLI can
 * print it as it is. The subclasses let a caller (or a test) tell the cases apart.
 */
public class ImageException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
