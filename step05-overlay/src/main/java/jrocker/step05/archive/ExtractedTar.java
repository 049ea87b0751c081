package jrocker.step05.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step05.blob.DigestingInputStream;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;

/**
 * An image archive packed as a tar ({@code docker save}, {@code skopeo copy ... oci-archive:}),
 * extracted once into a private directory that {@link #close()} deletes.
 *
 * <p><b>Why extract:</b> a tar can only be read front to back, but an image must be read in another order:
 * {@code docker save} writes {@code manifest.json}, which says what the other files are, near the end.
 * Reading the tar again for each file would work but costs one pass per layer. Extracting costs disk space
 * for the time of a load, and the caller chooses where: the work directory, usually inside jrocker's data
 * root, so that layers can later be moved instead of copied.
 *
 * <p><b>Why it is safe:</b> no name from the archive ever becomes a host path. Each file is stored under a
 * counter ({@code 000001}, {@code 000002}, ...) and found again through a map from its (normalized) name
 * in the archive. Symlinks and hardlinks are not created either: they become entries of that map (older
 * {@code docker save} and skopeo write {@code <id>/layer.tar} as a symlink to the real layer file), resolved
 * by name, inside the archive, at most 40 deep. Each file's sha256 is computed while it is written, for free.
 */
final class ExtractedTar implements ArchiveFiles {
    /** A file of the archive, as stored in the work directory. */
    record StoredFile(Path path, long size, Digest digest) {
    }

    private static final int MAX_LINKS = 40;

    private final Path directory;
    private final String description;
    private final Map<String, StoredFile> files;
    private final Map<String, String> links; // name -> target name; null target: outside
    private int stored; // files written so far: the next one is called stored + 1

    private ExtractedTar(Path directory, String description) {
        this(directory, description, new HashMap<>(), new HashMap<>());
    }

    private ExtractedTar(Path directory, String description, Map<String, StoredFile> files, Map<String, String> links) {
        this.directory = directory;
        this.description = description;
        this.files = files;
        this.links = links;
    }

    /** The same files under another description, once we know what kind of archive it is. */
    ExtractedTar describedAs(String newDescription) {
        return new ExtractedTar(directory, newDescription, files, links);
    }

    /** Extract {@code tar} (plain or gzip) into a new directory inside {@code workDir}. */
    static ExtractedTar extract(Path tar, Path workDir, String description) throws IOException {
        if (!Files.isDirectory(workDir)) {
            throw new NoSuchFileException(workDir.toString(), null, "the work directory for extracting "
                    + description + " does not exist");
        }
        ExtractedTar extracted = new ExtractedTar(Files.createTempDirectory(workDir, "jrocker-archive-"), description);
        try (TarReader reader = TarReader.open(tar)) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                extracted.add(entry, reader);
            }
            return extracted;
        } catch (IOException | RuntimeException e) {
            try {
                extracted.close();
            } catch (IOException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    private void add(TarEntry entry, TarReader reader) throws IOException {
        String name = normalize(entry.name());
        if (name == null) {
            throw new ImageFormatException(description + " has an entry named " + entry.name()
                    + ", which points outside the archive: it is not an image archive (or it is an attack)");
        }
        switch (entry.type()) {
            case FILE -> {
                links.remove(name);
                files.put(name, store(reader.content()));
            }
            case SYMLINK -> {
                files.remove(name);
                String target = entry.linkName();
                // Relative targets start at the link's directory; absolute ones at the archive's top.
                String base = target.startsWith("/") || !name.contains("/") ? "" : name.substring(0, name.lastIndexOf('/'));
                links.put(name, normalize(base + "/" + target));
            }
            case HARDLINK -> {
                files.remove(name);
                links.put(name, normalize(entry.linkName())); // a hardlink names another entry of the archive
            }
            default -> {
                // directories, devices...: an image archive's content is its files
            }
        }
    }

    private StoredFile store(InputStream content) throws IOException {
        Path path = directory.resolve(String.format("%06d", ++stored));
        DigestingInputStream digesting = new DigestingInputStream(content);
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
            digesting.transferTo(out);
        }
        return new StoredFile(path, digesting.size(), digesting.digest());
    }

    /**
     * {@code a/./b//c/../d} becomes {@code a/b/d}; a leading {@code /} is dropped. Null if {@code ..} climbs
     * above the top of the archive.
     */
    static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** The stored file that {@code name} is, or leads to through links; null if none. */
    StoredFile find(String name) {
        String current = normalize(name);
        for (int hops = 0; current != null && hops <= MAX_LINKS; hops++) {
            StoredFile file = files.get(current);
            if (file != null) {
                return file;
            }
            current = links.get(current);
        }
        return null;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String kind() {
        return "archive";
    }

    @Override
    public long size(String name) {
        StoredFile file = find(name);
        return file == null ? -1 : file.size();
    }

    @Override
    public InputStream open(String name) throws IOException {
        StoredFile file = find(name);
        if (file == null) {
            throw new NoSuchFileException(name, null, "not in " + description);
        }
        return Files.newInputStream(file.path());
    }

    /** Delete the extracted files: the directory is flat, it holds only what {@link #store} wrote. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(directory)) {
            paths = list.toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
        Files.deleteIfExists(directory);
    }
}
