package jrocker.step05.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jrocker.step03.rootfs.EntryFilter;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.tar.TarEntry;
import jrocker.step05.image.ImageFormatException;

/**
 * The hook that makes step03's {@code TarUnpacker} unpack an OCI layer for overlayfs: it sees each entry
 * first, turns whiteout markers into overlayfs whiteouts and opaque directories (through a
 * {@link LayerFileSystem}), and tells the unpacker to pass the markers by. Ordinary entries are left to
 * the unpacker, with all its path safety: every path here is resolved by the same {@link RootfsDirectory}.
 *
 * <p><b>One rule of the OCI spec needs care:</b> a whiteout applies only to the <em>lower</em> layers;
 * what the same layer puts at that name stays. The layer directory must then say "my own {@code x}, and
 * nothing of the lower {@code x}":
 * <ul>
 *   <li>a file or symlink {@code x} of this layer already hides the lower {@code x}: nothing to add;</li>
 *   <li>a directory {@code x} of this layer would <em>merge</em> with the lower one: it becomes opaque.
 *       That holds whichever comes first in the tar, the directory (or something inside it) or the
 *       whiteout; a whiteout made earlier is replaced by the opaque directory.</li>
 * </ul>
 * A filter keeps that state for one unpack: use a new one for each layer.
 */
public final class WhiteoutFilter implements EntryFilter {
    private final LayerFileSystem fileSystem;
    /** Names (normalized) this layer deleted with a whiteout: a later directory there becomes opaque. */
    private final Set<String> whiteouts = new HashSet<>();

    public WhiteoutFilter(LayerFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    // tag::accept[]
    @Override
    public boolean accept(TarEntry entry, RootfsDirectory rootfs) throws IOException {
        Whiteouts.Meaning meaning = Whiteouts.classify(entry.name());
        switch (meaning.kind()) {
            case DELETION -> delete(meaning.path(), rootfs);
            case OPAQUE_DIRECTORY -> markOpaque(meaning.path(), rootfs);
            case AUFS_METADATA -> {
                // not content: skipped
            }
            case ORDINARY -> {
                ordinary(meaning.path(), entry.type() == TarEntry.Type.DIRECTORY, rootfs);
                return true;
            }
        }
        return false;
    }
    // end::accept[]

    private void delete(String name, RootfsDirectory rootfs) throws IOException {
        ancestorsAreDirectories(name, rootfs); // a/.wh.b needs a directory a in this layer
        Path path = rootfs.resolveForWriting(name); // creates the parents: overlayfs needs them in this layer
        BasicFileAttributes existing = attributesOrNull(path);
        if (existing == null) {
            fileSystem.makeWhiteout(path);
            whiteouts.add(name);
        } else if (existing.isDirectory()) {
            opaque(path); // this layer's own directory, without the lower one's content
        }
        // else: a file or link of this layer is already there, and hides the lower one by itself
    }

    private void markOpaque(String directory, RootfsDirectory rootfs) throws IOException {
        ancestorsAreDirectories(directory, rootfs);
        opaque(directoryAt(directory, rootfs));
    }

    /** An ordinary entry at a name this layer whited out: a directory replaces it, a file or link simply does. */
    private void ordinary(String name, boolean isDirectory, RootfsDirectory rootfs) throws IOException {
        if (whiteouts.isEmpty()) {
            return; // the common case: no whiteout in this layer so far
        }
        ancestorsAreDirectories(name, rootfs);
        if (isDirectory && whiteouts.contains(name)) {
            opaque(directoryAt(name, rootfs));
        } else if (!isDirectory) {
            whiteouts.remove(name); // the unpacker replaces the whiteout with this layer's file or link
        }
    }

    /**
     * Something inside a name this layer whited out ({@code a/.wh.b}, then {@code a/b/c} or
     * {@code a/b/.wh.c}): the whiteout becomes an opaque directory.
     */
    private void ancestorsAreDirectories(String name, RootfsDirectory rootfs) throws IOException {
        List<String> parts = Whiteouts.components(name);
        for (int i = 1; i < parts.size() && !whiteouts.isEmpty(); i++) {
            String ancestor = String.join("/", parts.subList(0, i));
            if (whiteouts.contains(ancestor)) {
                opaque(directoryAt(ancestor, rootfs));
            }
        }
    }

    /** The directory {@code name}, created if missing, replacing a whiteout this layer made there. */
    private Path directoryAt(String name, RootfsDirectory rootfs) throws IOException {
        Path path = rootfs.resolveForWriting(name);
        if (whiteouts.remove(name) && fileSystem.isWhiteout(path)) {
            Files.delete(path);
        }
        BasicFileAttributes existing = attributesOrNull(path);
        if (existing == null) {
            Files.createDirectory(path);
            Files.setAttribute(path, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS); // as TarUnpacker's parents
        } else if (!existing.isDirectory()) {
            throw new ImageFormatException("layer entry " + Whiteouts.opaqueEntry(name) + " marks " + name
                    + " opaque, but this layer has a file there, not a directory");
        }
        return path;
    }

    private void opaque(Path directory) throws IOException {
        if (!fileSystem.isOpaque(directory)) {
            fileSystem.markOpaque(directory);
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
