package jrocker.step05.image;

/**
 * A user typed an image reference that is not valid, e.g.
 * {@code invalid image reference "Busybox": repository names must be lowercase ("busybox")}.
 */
public class InvalidReferenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String reference, String problem) {
        super("invalid image reference \"" + reference + "\": " + problem);
    }
}
