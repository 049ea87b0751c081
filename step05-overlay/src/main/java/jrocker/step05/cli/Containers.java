package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.InvalidReferenceException;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoredImage;

/**
 * What the commands that work on containers and images share: finding a container's directory,
 * {@code DATA_ROOT/containers/ID}, by its ID or an unambiguous prefix; its image; a NAME[:TAG] argument.
 */
final class Containers {
    /** docker's exit code for an unknown container. */
    static final int NO_SUCH_CONTAINER = 1;

    private Containers() {
    }

    /** The image a container was made from (the ID in its {@code image} file), from the store. */
    static StoredImage imageOf(ImageStore store, Path containerDirectory) throws IOException {
        String imageId = Files.readString(containerDirectory.resolve("image")).strip();
        return store.find(imageId).orElseThrow(() -> ContainerException.runtime("the image " + imageId + " of container "
                + containerDirectory.getFileName().toString().substring(0, 12) + " is no longer in the store"));
    }

    /** A NAME[:TAG] typed by the user; an invalid one is a one-line error with exit code 125. */
    static ImageReference imageName(String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    static Path find(DataRoot root, String idOrPrefix) throws IOException {
        Path containers = root.path().resolve("containers");
        List<Path> matches = new ArrayList<>();
        if (idOrPrefix.matches("[0-9a-f]{1,64}") && Files.isDirectory(containers)) {
            try (Stream<Path> all = Files.list(containers)) {
                for (Path container : all.toList()) {
                    if (container.getFileName().toString().startsWith(idOrPrefix)) {
                        matches.add(container);
                    }
                }
            }
        }
        if (matches.isEmpty()) {
            throw new ContainerException(NO_SUCH_CONTAINER, "no such container: " + idOrPrefix);
        }
        if (matches.size() > 1) {
            throw new ContainerException(NO_SUCH_CONTAINER, "container ID prefix " + idOrPrefix + " is ambiguous: "
                    + matches.size() + " containers start with it; give more digits");
        }
        return matches.get(0);
    }
}
