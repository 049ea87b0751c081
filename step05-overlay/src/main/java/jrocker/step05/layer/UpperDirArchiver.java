package jrocker.step05.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jrocker.step03.linux.FileMetadata;
import jrocker.step03.tar.FileNames;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarWriter;

/**
 * The way back, for {@code commit}: writes a container's overlayfs upper directory (everything the
 * container changed) as an OCI layer tar. Whiteouts become {@code .wh.NAME} entries and opaque directories
 * get a {@code .wh..wh..opq} entry, as docker writes them: the marker is an empty regular file, mode 0600
 * for a whiteout, and for an opaque marker the directory's mode, owner and mtime.
 *
 * <p>Names and symlink targets are written with exactly their bytes on disk ({@link FileNames}), even when
 * they are not UTF-8.
 *
 * <p>Entries come in a fixed order (each directory before its content, names sorted), so the same upper
 * directory always gives the same tar, byte for byte. A file with several links in the upper directory is
 * written once and then as hardlinks. Sockets are left out (they cannot be archived, and a new process
 * makes its own). Extended attributes and overlayfs's internal ones ({@code redirect}, {@code metacopy})
 * are not handled: mount the container's overlay without {@code redirect_dir} and {@code metacopy}, the
 * kernel's default.
 */
public final class UpperDirArchiver {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,nlink,ino,dev,size,lastModifiedTime";

    private final LayerFileSystem fileSystem;

    public UpperDirArchiver(LayerFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** Write the content of {@code upperDir} (not the directory itself) to {@code tar}; the tar is not finished. */
    public void write(Path upperDir, TarWriter tar) throws IOException {
        new Walk(tar).directoryContent(upperDir, "");
    }

    /** One walk: the tar, and the files with several links already written (by device and inode). */
    private final class Walk {
        private final TarWriter tar;
        private final Map<List<Long>, String> linkedFiles = new HashMap<>();

        Walk(TarWriter tar) {
            this.tar = tar;
        }

        void directoryContent(Path directory, String prefix) throws IOException {
            List<Path> children;
            try (Stream<Path> list = Files.list(directory)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                one(child, prefix + FileNames.name(child.getFileName())); // its bytes, whatever the locale
            }
        }

        private void one(Path path, String name) throws IOException {
            Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            int type = mode & S_IFMT;
            if (type != S_IFDIR && fileSystem.isWhiteout(path)) {
                tar.write(TarEntry.file(Whiteouts.deletionEntry(name), 0600, 0).withMtime(mtime(attributes)));
                return;
            }
            TarEntry entry = new TarEntry(name, TarEntry.Type.FILE, mode & 07777,
                    ((Integer) attributes.get("uid")).longValue(), ((Integer) attributes.get("gid")).longValue(), 0,
                    mtime(attributes), "", 0, 0);
            switch (type) {
                case S_IFDIR -> directory(path, name, entry);
                case S_IFREG -> file(path, entry, attributes);
                case S_IFLNK -> tar.write(withType(entry, TarEntry.Type.SYMLINK, FileMetadata.readSymbolicLink(path)));
                case S_IFCHR, S_IFBLK -> tar.write(device(entry, type == S_IFCHR, (Long) attributes.get("rdev")));
                case S_IFIFO -> tar.write(withType(entry, TarEntry.Type.FIFO, ""));
                case S_IFSOCK -> {
                    // a socket belongs to a running process; it cannot be archived
                }
                default -> throw new IOException("cannot archive " + path + ": unknown file type 0" + Integer.toOctalString(type));
            }
        }

        private void directory(Path path, String name, TarEntry entry) throws IOException {
            tar.write(withType(entry, TarEntry.Type.DIRECTORY, ""));
            if (fileSystem.isOpaque(path)) {
                tar.write(new TarEntry(Whiteouts.opaqueEntry(name), TarEntry.Type.FILE, entry.mode() & 0777,
                        entry.uid(), entry.gid(), 0, entry.mtime(), "", 0, 0));
            }
            directoryContent(path, name + "/");
        }

        private void file(Path path, TarEntry entry, Map<String, Object> attributes) throws IOException {
            if ((Integer) attributes.get("nlink") > 1) {
                List<Long> inode = List.of((Long) attributes.get("dev"), (Long) attributes.get("ino"));
                String first = linkedFiles.putIfAbsent(inode, entry.name());
                if (first != null) {
                    tar.write(withType(entry, TarEntry.Type.HARDLINK, first));
                    return;
                }
            }
            long size = (Long) attributes.get("size");
            try (InputStream content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                tar.write(new TarEntry(entry.name(), TarEntry.Type.FILE, entry.mode(), entry.uid(), entry.gid(), size,
                        entry.mtime(), "", 0, 0), content);
            }
        }

        private static TarEntry withType(TarEntry entry, TarEntry.Type type, String linkName) {
            return new TarEntry(entry.name(), type, entry.mode(), entry.uid(), entry.gid(), 0, entry.mtime(), linkName, 0, 0);
        }

        // glibc's major(3) and minor(3) for a 64-bit dev_t.
        private static TarEntry device(TarEntry entry, boolean character, long rdev) {
            int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & 0xfffff000L));
            int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xffffff00L));
            return new TarEntry(entry.name(), character ? TarEntry.Type.CHAR_DEVICE : TarEntry.Type.BLOCK_DEVICE,
                    entry.mode(), entry.uid(), entry.gid(), 0, entry.mtime(), "", major, minor);
        }

        private static Instant mtime(Map<String, Object> attributes) {
            return ((FileTime) attributes.get("lastModifiedTime")).toInstant();
        }
    }
}
