package jrocker.step03.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything observable about a directory tree, for "nothing changed here" assertions: per path its type,
 * mode, owner, size, mtime, ctime (which moves on chmod, chown and link), link count, inode, symlink text
 * and a content hash. Access times are left out: reading a file to hash it changes them.
 */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** The tree under {@code top} (included), leaving out {@code excluded} and everything below it. */
    static SortedMap<String, String> of(Path top, Path excluded) throws IOException {
        SortedMap<String, String> snapshot = new TreeMap<>();
        add(top, top, excluded, snapshot);
        return snapshot;
    }

    private static void add(Path top, Path path, Path excluded, SortedMap<String, String> snapshot) throws IOException {
        if (path.equals(excluded)) {
            return;
        }
        Map<String, Object> unix = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        StringBuilder description = new StringBuilder();
        for (String key : new String[] {"mode", "uid", "gid", "size", "lastModifiedTime", "ctime", "nlink", "ino", "dev"}) {
            description.append(key).append('=').append(unix.get(key)).append(' ');
        }
        if (Files.isSymbolicLink(path)) {
            description.append("-> ").append(Files.readSymbolicLink(path));
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            description.append("sha256=").append(sha256(path));
        }
        snapshot.put("/" + top.relativize(path), description.toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    add(top, child, excluded, snapshot);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
