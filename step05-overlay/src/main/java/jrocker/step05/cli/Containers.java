package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.InvalidReferenceException;
import jrocker.step05.store.ContainerStore;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoredImage;

/**
 * What the commands that work on containers and images share: finding a container's directory,
 * {@code DATA_ROOT/containers/ID}, by its ID or an unambiguous prefix; its image; a NAME[:TAG] argument.
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

    /** A NAME[:TAG] typed by the user; an invalid one is a one-line error with exit code 125. */
    static ImageReference imageName(String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            throw ContainerException.runtime(e.getMessage());
        }
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

    /** What a command does with one container of its arguments. */
    @FunctionalInterface
    interface ContainerAction {
        void apply(String name, ContainerRecord record) throws IOException;
    }

    /**
     * Apply {@code action} to each container named, like docker: one that fails (unknown, not running) is
     * reported on its own line and does not stop the others; the exit code is the last failure's, or 0. For
     * {@code rm} ({@code removesContainers}), a container whose creation was interrupted counts as removed:
     * finding it removed it.
     */
    static int forEach(List<String> names, DataRoot root, picocli.CommandLine.Model.CommandSpec spec,
                       boolean removesContainers, ContainerAction action) throws IOException {
        int status = 0;
        for (String name : names) {
            try {
                action.apply(name, record(root, name));
            } catch (AbandonedContainerException e) {
                if (removesContainers) {
                    spec.commandLine().getOut().println(name);
                } else {
                    status = report(spec, e);
                }
            } catch (ContainerException e) {
                status = report(spec, e);
            }
        }
        spec.commandLine().getOut().flush();
        return status;
    }

    private static int report(picocli.CommandLine.Model.CommandSpec spec, ContainerException e) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("jrocker: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return e.exitCode();
    }
}
