package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.store.ContainerStore;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoredImage;

/**
 * Finding containers for the commands that take a CONTAINER: a container's directory,
 * {@code DATA_ROOT/containers/ID}, by its name, its ID or an unambiguous prefix; its record; every record;
 * the image it was made from.
 */
final class Containers {
    /** docker's exit code for an unknown container. */
    static final int NO_SUCH_CONTAINER = ContainerStore.NO_SUCH_CONTAINER;

    private Containers() {
    }

    /** The image a container was made from (the ID in its {@code image} file), from the store. */
    static StoredImage imageOf(ImageStore store, Path containerDirectory) throws IOException {
        String imageId = Files.readString(containerDirectory.resolve("image")).strip();
        return store.find(imageId).orElseThrow(() -> ContainerException.runtime("the image " + imageId + " of container "
                + containerDirectory.getFileName().toString().substring(0, 12) + " is no longer in the store"));
    }

    /** A container's directory by its name, its ID or an unambiguous prefix of its ID ({@link ContainerStore#find}). */
    static Path find(DataRoot root, String nameOrId) throws IOException {
        return ContainerStore.open(root).find(nameOrId);
    }

    /**
     * A container with a record (made by step05's run), by name, ID or ID prefix. One whose creation was
     * interrupted (its {@code run} was killed) is removed on the way, and is no such container.
     */
    static ContainerRecord record(DataRoot root, String nameOrId) throws IOException {
        ContainerStore store = ContainerStore.open(root);
        Path directory = store.find(nameOrId);
        if (store.abandoned(directory)) {
            store.removeAbandoned(directory);
            throw new AbandonedContainerException(nameOrId);
        }
        ContainerRecord record = ContainerRecord.at(directory);
        if (!record.exists()) {
            throw new ContainerException(NO_SUCH_CONTAINER, "no such container: " + nameOrId
                    + " (it is being created or removed at this moment)");
        }
        return record;
    }

    /** A container whose creator died before it was complete: what it left has just been removed. */
    static final class AbandonedContainerException extends ContainerException {
        private static final long serialVersionUID = 1L;

        AbandonedContainerException(String nameOrId) {
            super(NO_SUCH_CONTAINER, "no such container: " + nameOrId + " (its run was stopped before it was"
                    + " created; what it left has been removed)");
        }
    }

    /** Every container with a record; abandoned ones met on the way are removed ({@link ContainerStore#all}). */
    static List<ContainerRecord> all(DataRoot root) throws IOException {
        return ContainerStore.open(root).all();
    }
}
