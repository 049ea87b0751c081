package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container names, unique on this machine: {@code DATA_ROOT/names/NAME} is a symbolic link whose target is
 * the container's ID. symlink(2) fails when the name exists, atomically, so two {@code run --name web} at
 * the same moment cannot both get it: no lock needed.
 */
public final class ContainerNames {
    /** docker's rule for names. */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "clever", "eager", "fancy", "gentle",
            "happy", "jolly", "keen", "lucid", "merry", "nimble", "proud", "quiet", "sharp", "swift", "tidy", "vivid",
            "witty", "zen");
    private static final List<String> NOUNS = List.of("babbage", "curie", "dijkstra", "euler", "fermat", "gauss",
            "hopper", "knuth", "lamport", "liskov", "lovelace", "noether", "pascal", "ritchie", "shannon", "thompson",
            "torvalds", "turing", "wirth", "yonath");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public ContainerNames(Path dataRoot) {
        this.directory = dataRoot.resolve("names");
    }

    /** A one-line reason when {@code name} is not a valid name, else empty. */
    public static Optional<String> invalid(String name) {
        if (name.length() <= 128 && VALID.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("invalid container name \"" + name + "\": use letters, digits, '_', '.' and '-',"
                + " starting with a letter or digit");
    }

    /**
     * Give {@code name} to container {@code id}. Throws {@link NameInUseException} when another container has
     * it. A name whose container is gone (its directory removed by a crash before the name was) is taken over.
     */
    public void claim(String name, String id, Path containers) throws IOException {
        // tag::exercise-name-claim[]
        Files.createDirectories(directory);
        Path link = directory.resolve(name);
        try {
            Files.createSymbolicLink(link, Path.of(id));
        } catch (FileAlreadyExistsException e) {
            Optional<String> owner = lookup(name);
            if (owner.isPresent() && Files.isDirectory(containers.resolve(owner.get()))) {
                throw new NameInUseException(name, owner.get());
            }
            Files.deleteIfExists(link);
            claim(name, id, containers);
        }
        // end::exercise-name-claim[]
    }

    /**
     * A name such as "brave_turing" for container {@code id}, the {@code attempt}-th try: there are only 400
     * such pairs, so past a few tries the ID's first digits make it unique.
     */
    public static String generated(String id, int attempt) {
        String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + NOUNS.get(RANDOM.nextInt(NOUNS.size()));
        return attempt >= 10 ? name + "_" + id.substring(0, 6) : name;
    }

    /** The ID of the container called {@code name}. */
    public Optional<String> lookup(String name) throws IOException {
        if (invalid(name).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(directory.resolve(name)).toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Free {@code name}, if it still names {@code id}. */
    public void release(String name, String id) throws IOException {
        if (lookup(name).filter(id::equals).isPresent()) {
            Files.deleteIfExists(directory.resolve(name));
        }
    }

    /** Thrown by {@link #claim} when the name belongs to another container. */
    public static final class NameInUseException extends IOException {
        NameInUseException(String name, String owner) {
            super("the name \"" + name + "\" is already in use by container " + owner.substring(0, 12)
                    + ": remove it (jrocker rm " + name + ") or choose another --name");
        }
    }
}
