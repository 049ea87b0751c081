package jrocker.step05.image;

/**
 * A descriptor's media type is not one jrocker reads: not an image manifest, index, config or a tar layer
 * (plain, gzip or zstd). For example a Helm chart or a signature stored in an OCI layout.
 */
public class UnsupportedMediaTypeException extends ImageException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
