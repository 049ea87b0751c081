package jrocker.step05.image;

/**
 * The archive does not hold the image asked for: no such name, no image at all, several when no name was
 * given, or no image for this machine's platform in a multi-platform index. The message lists what the
 * archive does hold.
 */
public class NoSuchImageException extends ImageException {
    private static final long serialVersionUID = 1L;

    public NoSuchImageException(String message) {
        super(message);
    }
}
