package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.Json;

/**
 * The names of the store's images: {@code repositories.json}, one JSON object from the full name:tag to the
 * image ID, e.g. {@code {"docker.io/library/busybox:latest":"sha256:1a2b..."}}. Full names, so that
 * {@code busybox} and {@code docker.io/library/busybox:latest} are one key. A name points to one image; an
 * image may have many names, or none. Read it freely; change it only under the {@link StoreLock}.
 */
final class Repositories {
    private final Path file;
    private final Map<ImageReference, Digest> names;

    private Repositories(Path file, Map<ImageReference, Digest> names) {
        this.file = file;
        this.names = names;
    }

    static Repositories read(Path file) throws IOException {
        Map<ImageReference, Digest> names = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Repositories(file, names); // a new store has no names yet
        }
        try {
            for (Map.Entry<String, Object> entry : Json.readObject(bytes, file.toString()).entrySet()) {
                names.put(ImageReference.parse(entry.getKey()), Digest.parse(String.valueOf(entry.getValue())));
            }
        } catch (ImageFormatException | IllegalArgumentException e) { // not JSON, an invalid name or digest
            throw new ImageStoreException(file + " is corrupt: " + e.getMessage());
        }
        return new Repositories(file, names);
    }

    Digest get(ImageReference name) {
        return names.get(name);
    }

    void put(ImageReference name, Digest id) {
        names.put(name, id);
    }

    void remove(ImageReference name) {
        names.remove(name);
    }

    /** The names of {@code id}, sorted. */
    List<ImageReference> namesOf(Digest id) {
        List<ImageReference> result = new ArrayList<>();
        names.forEach((name, target) -> {
            if (target.equals(id)) {
                result.add(name);
            }
        });
        return result;
    }

    /** Write the file atomically: a temporary file next to it, then a rename over it. */
    void write(Path tmp) throws IOException {
        Map<String, Object> json = new TreeMap<>();
        names.forEach((name, id) -> json.put(name.toString(), id.toString()));
        Path partial = Files.createTempFile(tmp, "repositories-", ".json");
        try {
            Files.write(partial, Json.write(json));
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
