package jrocker.step05.layer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two things overlayfs needs in a layer directory that Java cannot do by itself: a whiteout (a
 * character device with device number 0/0) and an opaque directory (an extended attribute). Behind an
 * interface so that the whiteout logic can be tested without root with a fake;
 * {@link LinuxLayerFileSystem} is the real one.
 */
public interface LayerFileSystem {

    /** Create a whiteout at {@code path}, which must not exist: "this name was deleted". */
    void makeWhiteout(Path path) throws IOException;

    /** Mark the existing directory {@code directory} opaque: "ignore what the lower layers have here". */
    void markOpaque(Path directory) throws IOException;

    /** True if {@code path} is a whiteout (never follows a symlink). */
    boolean isWhiteout(Path path) throws IOException;

    /** True if the directory {@code directory} is marked opaque. */
    boolean isOpaque(Path directory) throws IOException;
}
