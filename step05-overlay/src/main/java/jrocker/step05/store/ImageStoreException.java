package jrocker.step05.store;

import java.io.IOException;

/**
 * The store refuses or cannot do what was asked: no such image, an ambiguous ID prefix, an image still used
 * by a container. The message is one line for the user, like docker's.
 */
public class ImageStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageStoreException(String message) {
        super(message);
    }
}
