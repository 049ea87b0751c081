package jrocker.step05.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An OCI layout that is a directory on disk. The names looked up are ones the reader makes itself
 * ({@code index.json}, {@code blobs/sha256/} plus a checked hex digest), never free text from the archive,
 * so they cannot climb out of the directory. Symlinks inside it are followed: the directory is the user's
 * own, like any file they name on the command line.
 */
final class LayoutDirectory implements ArchiveFiles {
    private final Path root;
    private final String description;

    LayoutDirectory(Path root, String description) {
        this.root = root;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String kind() {
        return "layout";
    }

    @Override
    public long size(String name) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(root.resolve(name), BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(root.resolve(name));
    }

    @Override
    public void close() {
        // nothing to release: the directory is the user's
    }
}
