package jrocker.step05.image;

/**
 * A file of the image is not what the specifications describe: corrupt JSON, a missing or mistyped field,
 * a wrong layout version, a layer count that does not match the config. E.g.
 * {@code manifest sha256:ab12... of the OCI layout /x: "layers" must be an array, not a string}.
 */
public class ImageFormatException extends ImageException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
