package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jrocker.step05.lifecycle.ContainerNames;
import jrocker.step05.lifecycle.ContainerRecord;
import java.util.stream.Stream;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoredImage;

/**
 * Finding containers for the commands that take a CONTAINER: a container's directory,
 * {@code DATA_ROOT/containers/ID}, by its name, its ID or an unambiguous prefix; its record; every record;
 * the image it was made from.
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

    /**
     * A container's directory by its name, its ID or an unambiguous prefix of its ID (docker's order); an
     * unknown one is a one-line error with exit code 1.
     */
    static Path find(DataRoot root, String nameOrId) throws IOException {
        Path containers = root.path().resolve("containers");
        Optional<String> named = new ContainerNames(root.path()).lookup(nameOrId);
        if (named.isPresent() && Files.isDirectory(containers.resolve(named.get()))) {
            return containers.resolve(named.get());
        }
        List<Path> matches = new ArrayList<>();
        if (nameOrId.matches("[0-9a-f]{1,64}") && Files.isDirectory(containers)) {
            try (Stream<Path> all = Files.list(containers)) {
                for (Path container : all.toList()) {
                    if (container.getFileName().toString().startsWith(nameOrId)) {
                        matches.add(container);
                    }
                }
            }
        }
        if (matches.isEmpty()) {
            throw new ContainerException(NO_SUCH_CONTAINER, "no such container: " + nameOrId);
        }
        if (matches.size() > 1) {
            throw new ContainerException(NO_SUCH_CONTAINER, "container ID prefix " + nameOrId + " is ambiguous: "
                    + matches.size() + " containers start with it; give more digits");
        }
        return matches.get(0);
    }

    /** A container with a record (made by step05's run), by name, ID or ID prefix. */
    static ContainerRecord record(DataRoot root, String nameOrId) throws IOException {
        ContainerRecord record = ContainerRecord.at(find(root, nameOrId));
        if (!record.exists()) {
            throw new ContainerException(NO_SUCH_CONTAINER, "no such container: " + nameOrId
                    + " (its directory has no record: it is being created or removed)");
        }
        return record;
    }

    /** Every container with a record, oldest first. */
    static List<ContainerRecord> all(DataRoot root) throws IOException {
        Path containers = root.path().resolve("containers");
        List<ContainerRecord> records = new ArrayList<>();
        if (!Files.isDirectory(containers)) {
            return records;
        }
        try (Stream<Path> all = Files.list(containers)) {
            for (Path directory : all.toList()) {
                ContainerRecord record = ContainerRecord.at(directory);
                if (record.exists()) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
