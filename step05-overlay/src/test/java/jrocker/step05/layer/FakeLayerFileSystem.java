package jrocker.step05.layer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whiteouts and opaque directories without root, for tests. A whiteout is a symlink to a fixed, impossible
 * target (a real one is a 0/0 character device, which needs CAP_MKNOD); opaque directories are remembered
 * by inode (a real one has a trusted.* xattr, which needs CAP_SYS_ADMIN), so a directory that was replaced
 * is not opaque any more. Every change is also recorded, in order.
 */
public final class FakeLayerFileSystem implements LayerFileSystem {
    static final String WHITEOUT_TARGET = "(overlay whiteout 0:0)";

    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    // concurrent: a store unpacks layers in parallel
    private final Map<Path, Object> opaqueInodes = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void makeWhiteout(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(path.toString(), null, "mknod: EEXIST");
        }
        Files.createSymbolicLink(path, Path.of(WHITEOUT_TARGET));
        calls.add("whiteout " + path);
    }

    @Override
    public void markOpaque(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(directory.toString());
        }
        opaqueInodes.put(directory, inode(directory));
        calls.add("opaque " + directory);
    }

    @Override
    public boolean isWhiteout(Path path) throws IOException {
        return Files.isSymbolicLink(path) && Files.readSymbolicLink(path).toString().equals(WHITEOUT_TARGET);
    }

    @Override
    public boolean isOpaque(Path directory) throws IOException {
        Object inode = opaqueInodes.get(directory);
        return inode != null && Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && inode.equals(inode(directory));
    }

    private static Object inode(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
}
