package jrocker.step05.archive;

import jrocker.step05.image.ImageException;

/**
 * A blob (a layer, a config, a manifest) that the image refers to is not in the archive, e.g.
 * {@code blob sha256:ab12... of layer 2 is missing from the OCI layout /x (manifest sha256:cd34... lists it):
 * the layout is incomplete}.
 */
public class MissingBlobException extends ImageException {
    private static final long serialVersionUID = 1L;

    public MissingBlobException(String message) {
        super(message);
    }
}
