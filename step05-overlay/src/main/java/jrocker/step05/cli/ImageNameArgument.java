package jrocker.step05.cli;

import jrocker.step01.container.ContainerException;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.InvalidReferenceException;

/** An image's NAME[:TAG] as a user types it: {@code run IMAGE}, {@code commit CONTAINER NAME[:TAG]}, {@code import}. */
final class ImageNameArgument {
    private ImageNameArgument() {
    }

    /** {@code text} read as an image reference; an invalid one is a one-line error with exit code 125. */
    static ImageReference parse(String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }
}
