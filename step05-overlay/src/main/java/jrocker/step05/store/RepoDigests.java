package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.InvalidReferenceException;
import jrocker.step05.image.Json;

/**
 * {@code images/<id>/repodigests.json}: the manifests an image was pulled as, e.g.
 * {@code ["localhost:5000/app@sha256:..."]}, docker's RepoDigests. A tag can move to another image; a
 * repo digest cannot: it names the exact manifest, so {@code pull NAME@DIGEST} gets the same image
 * anywhere. An image that was imported, loaded or committed has none. Change it only under the
 * {@link StoreLock}.
 */
final class RepoDigests {
    static final String FILE = "repodigests.json";

    private RepoDigests() {
    }

    static List<ImageReference> read(Path file) throws IOException {
        List<String> texts;
        try {
            texts = Json.readList(Files.readAllBytes(file), String.class, "the list of repo digests");
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (ImageFormatException e) {
            throw new ImageStoreException(file + " is corrupt: " + e.getMessage());
        }
        if (texts == null) {
            throw new ImageStoreException(file + " is corrupt: it holds null, not a list of repo digests");
        }
        List<ImageReference> digests = new ArrayList<>();
        for (String text : texts) {
            try {
                digests.add(ImageReference.parse(text));
            } catch (InvalidReferenceException e) {
                throw new ImageStoreException(file + " is corrupt: " + e.getMessage());
            }
        }
        return digests;
    }

    /** Add {@code more} (each once), written atomically: a temporary file in {@code tmp}, renamed over it. */
    static void add(Path file, List<ImageReference> more, Path tmp) throws IOException {
        Set<String> all = new LinkedHashSet<>();
        read(file).forEach(digest -> all.add(digest.toString()));
        more.forEach(digest -> all.add(digest.toString()));
        Path partial = Files.createTempFile(tmp, "repodigests-", ".json");
        try {
            Files.write(partial, Json.write(List.copyOf(all)));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
