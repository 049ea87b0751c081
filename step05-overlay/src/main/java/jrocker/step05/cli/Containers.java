package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;

/** Finding a container's directory, {@code DATA_ROOT/containers/ID}, by its ID or an unambiguous prefix. */
final class Containers {
    /** docker's exit code for an unknown container. */
    static final int NO_SUCH_CONTAINER = 1;

    private Containers() {
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
