package jrocker.step03.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step03.linux.FileMetadata;
import jrocker.step03.tar.FileNames;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarFormatException;
import jrocker.step03.tar.TarReader;

/**
 * Unpacks a tar archive (plain or gzip) into a directory, <b>safely</b> and <b>faithfully</b>.
 *
 * <p><b>Safely:</b> no entry can create or change anything outside the target directory. Names are made
 * relative and may not contain {@code ..}; every path is resolved by {@link RootfsDirectory}, which follows
 * symlinks (including ones this very archive just created) as if the target were "/"; and nothing is ever
 * written <em>through</em> a symlink: an entry whose name is an existing symlink replaces the link. A
 * hardlink's target is resolved the same way, so it is always a file inside the target. Symlinks
 * themselves may point anywhere: they are only text, resolved inside the container later.
 *
 * <p><b>Faithfully:</b> modes (with setuid, setgid and sticky), numeric owners, symlinks, hardlinks and
 * mtimes (to the nanosecond, symlinks' own included) are kept. Owners are kept only when running as root,
 * like GNU tar's default: an ordinary user cannot give files away. Later entries replace earlier ones of
 * the same name, as with {@code tar -x}; a directory entry over an existing directory keeps its content.
 * Three orderings matter:
 * <ul>
 *   <li>chown before chmod: chown(2) clears the setuid and setgid bits;</li>
 *   <li>mtime after the content is written;</li>
 *   <li>directories' owner, mtime and mode at the very end: creating a child changes a directory's mtime,
 *       and a read-only directory would stop an ordinary user from creating its children.</li>
 * </ul>
 *
 * <p><b>Not unpacked:</b> device nodes and FIFOs. Java has no mknod(2); they are skipped and reported to
 * the {@link UnpackListener} and in the {@link UnpackSummary}. A container does not need the image's /dev
 * anyway: step04 mounts a tmpfs there and creates the few nodes it needs. Entries of unknown types are
 * skipped the same way.
 *
 * <p>A corrupt or truncated archive throws a one-line {@link TarFormatException}, an unsafe entry an
 * {@link UnsafeEntryException}; what was unpacked until then stays. {@link #unpackFresh} removes it.
 */
public final class TarUnpacker {
    private final EntryFilter filter;
    private final UnpackListener listener;
    private final boolean preserveOwners;

    /** Unpacks everything; keeps owners if running as root. */
    public TarUnpacker() {
        this(EntryFilter.ALL, UnpackListener.SILENT, RunningAs.ROOT);
    }

    private TarUnpacker(EntryFilter filter, UnpackListener listener, boolean preserveOwners) {
        this.filter = Objects.requireNonNull(filter);
        this.listener = Objects.requireNonNull(listener);
        this.preserveOwners = preserveOwners;
    }

    public TarUnpacker withFilter(EntryFilter newFilter) {
        return new TarUnpacker(newFilter, listener, preserveOwners);
    }

    public TarUnpacker withListener(UnpackListener newListener) {
        return new TarUnpacker(filter, newListener, preserveOwners);
    }

    /** Whether to chown to the archive's uid/gid (the default: only when running as root). */
    public TarUnpacker preservingOwners(boolean preserve) {
        return new TarUnpacker(filter, listener, preserve);
    }

    /** Unpack {@code archive} into the existing directory {@code target}. */
    public UnpackSummary unpack(Path archive, Path target) throws IOException {
        try (InputStream in = openArchive(archive)) {
            return unpack(in, target);
        }
    }

    /** Unpack {@code archive} into the existing directory {@code target}; the stream is not closed. */
    public UnpackSummary unpack(InputStream archive, Path target) throws IOException {
        TarReader reader = new TarReader(archive); // not closed: that would close the caller's stream
        return new Unpacking(RootfsDirectory.rememberingDirectories(target)).run(reader);
    }

    // tag::unpack-fresh[]
    /**
     * Create {@code target} (it must not exist yet), unpack {@code archive} into it, and on any failure
     * delete it again, so that a half-unpacked root filesystem is never left for a container to run in.
     */
    public UnpackSummary unpackFresh(Path archive, Path target) throws IOException {
        try (InputStream in = openArchive(archive)) {
            return unpackFresh(in, target);
        }
    }

    public UnpackSummary unpackFresh(InputStream archive, Path target) throws IOException {
        createFreshDirectory(target); // <1>
        try {
            return unpack(archive, target);
        } catch (IOException | RuntimeException | Error e) { // <2>
            try {
                RootfsDirectory.deleteRecursively(target); // never follows symlinks
            } catch (IOException | RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e; // <3>
        }
    }
    // end::unpack-fresh[]

    private static InputStream openArchive(Path archive) throws IOException {
        try {
            return Files.newInputStream(archive);
        } catch (NoSuchFileException e) {
            throw new IOException("no such archive: " + archive, e);
        }
    }

    private static void createFreshDirectory(Path target) throws IOException {
        try {
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " already exists: unpack into a new directory (or delete this one first)", e);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot create " + target + ": its parent directory does not exist", e);
        }
    }

    /** One unpack: the target, the directories waiting for their metadata, the running totals. */
    private final class Unpacking {
        private final RootfsDirectory rootfs;
        /** Directory entries by the fileKey (device, inode) of the directory they made, in archive order. */
        private final Map<Object, TarEntry> directories = new LinkedHashMap<>();
        /** Names of skipped entries, so that a hardlink to one of them is skipped too. */
        private final Set<List<String>> skippedNames = new HashSet<>();
        private final List<UnpackSummary.Skipped> skipped = new ArrayList<>();
        private long entries;
        private long bytes;
        /** File contents are copied in large pieces: one write(2) per 64 KiB, not per 8 KiB. */
        private final byte[] copyBuffer = new byte[1 << 16];

        Unpacking(RootfsDirectory rootfs) {
            this.rootfs = rootfs;
        }

        UnpackSummary run(TarReader reader) throws IOException {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (!filter.accept(entry, rootfs)) {
                    continue;
                }
                try {
                    unpackOne(entry, reader);
                } catch (FileSystemException e) {
                    // The JDK's messages name a host path but not the entry; say which entry failed.
                    throw new IOException("cannot unpack " + FileNames.printable(entry.name()) + ": " + e.getMessage(), e);
                }
            }
            finishDirectories();
            return new UnpackSummary(entries, bytes, skipped);
        }

        private void unpackOne(TarEntry entry, TarReader reader) throws IOException {
            switch (entry.type()) {
                case DIRECTORY -> directory(entry);
                case FILE -> file(entry, reader.content());
                case SYMLINK -> symlink(entry);
                case HARDLINK -> hardlink(entry);
                case CHAR_DEVICE, BLOCK_DEVICE -> skip(entry, "device node: Java cannot mknod(2), and the"
                        + " container gets its own /dev");
                case FIFO -> skip(entry, "named pipe (FIFO): Java cannot mkfifo(3)");
                case OTHER -> skip(entry, "unsupported tar entry type");
            }
        }

        private void directory(TarEntry entry) throws IOException {
            Path path = rootfs.resolveForWriting(entry.name());
            BasicFileAttributes existing = RootfsDirectory.attributesOrNull(path);
            if (existing == null || !existing.isDirectory()) { // a symlink to a directory is replaced too
                removeExisting(entry, path, existing);
                Files.createDirectory(path);
                FileMetadata.chmod(path, 0755); // until the end (a directory we just made: no symlink)
            }
            Object inode = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            directories.remove(inode); // a later entry for the same directory wins, and moves to the end
            directories.put(inode, entry);
            unpacked(entry);
        }

        private void file(TarEntry entry, InputStream content) throws IOException {
            Path path = rootfs.resolveForWriting(entry.name());
            removeExisting(entry, path, RootfsDirectory.attributesOrNull(path));
            // CREATE_NEW (O_EXCL) and NOFOLLOW_LINKS: even a symlink appearing here would not be written through.
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                for (int got = content.read(copyBuffer); got >= 0; got = content.read(copyBuffer)) {
                    out.write(copyBuffer, 0, got);
                    bytes += got;
                }
            }
            setOwnerTimeAndMode(path, entry);
            unpacked(entry);
        }

        private void symlink(TarEntry entry) throws IOException {
            Path path = rootfs.resolveForWriting(entry.name());
            removeExisting(entry, path, RootfsDirectory.attributesOrNull(path));
            FileMetadata.symlink(entry.linkName(), path); // the target's bytes exactly, even "dir/" or "a//b"
            setOwnerTimeAndMode(path, entry);
            unpacked(entry);
        }

        private void hardlink(TarEntry entry) throws IOException {
            Path target;
            try {
                target = rootfs.resolveExisting(entry.linkName());
            } catch (UnsafeEntryException e) {
                throw new UnsafeEntryException("unsafe tar entry " + FileNames.printable(entry.name()) + ": its hardlink target "
                        + entry.linkName() + " is not allowed (" + e.getMessage() + ")");
            }
            BasicFileAttributes targetAttributes = target == null ? null : RootfsDirectory.attributesOrNull(target);
            if (targetAttributes == null && skippedNames.contains(RootfsDirectory.components(entry.linkName()))) {
                skip(entry, "hardlink to the skipped entry " + FileNames.printable(entry.linkName()));
                return;
            }
            if (targetAttributes == null) {
                throw new IOException("cannot unpack hardlink " + FileNames.printable(entry.name()) + ": its target " + FileNames.printable(entry.linkName())
                        + " is not in the archive before it");
            }
            if (targetAttributes.isDirectory()) {
                throw new IOException("cannot unpack hardlink " + FileNames.printable(entry.name()) + ": its target " + FileNames.printable(entry.linkName())
                        + " is a directory");
            }
            Path path = rootfs.resolveForWriting(entry.name());
            if (!path.equals(target)) { // a link to itself changes nothing
                removeExisting(entry, path, RootfsDirectory.attributesOrNull(path));
                // link(2) on Linux does not follow a symlink given as target: this links the symlink itself.
                Files.createLink(path, target);
            }
            unpacked(entry);
        }

        /** Make room at {@code path} for {@code entry}: remove whatever is there, never what it points to. */
        private void removeExisting(TarEntry entry, Path path, BasicFileAttributes existing) throws IOException {
            if (path.equals(rootfs.root())) {
                throw new UnsafeEntryException("unsafe tar entry " + FileNames.printable(entry.name()) + ": a " + entry.type()
                        + " cannot replace the target directory itself");
            }
            if (existing == null) {
                return;
            }
            rootfs.forgetResolvedDirectories(); // a remembered path may have gone through what goes now
            if (existing.isDirectory()) {
                RootfsDirectory.deleteRecursively(path);
            } else {
                Files.delete(path); // removes a symlink, not its target
            }
        }

        private void skip(TarEntry entry, String reason) throws IOException {
            skipped.add(new UnpackSummary.Skipped(entry, reason));
            skippedNames.add(RootfsDirectory.components(entry.name()));
            listener.skipped(entry, reason);
        }

        private void unpacked(TarEntry entry) {
            entries++;
            listener.unpacked(entry);
        }

        // Directories get their metadata last, deepest first (archives list a parent before its children).
        // Each is looked up again by name and must still be the very directory that entry made.
        private void finishDirectories() throws IOException {
            List<Map.Entry<Object, TarEntry>> pending = new ArrayList<>(directories.entrySet());
            for (int i = pending.size() - 1; i >= 0; i--) {
                TarEntry entry = pending.get(i).getValue();
                Path path = stillThere(entry, pending.get(i).getKey());
                if (path != null) {
                    try {
                        setOwnerTimeAndMode(path, entry);
                    } catch (FileSystemException e) {
                        throw new IOException("cannot unpack " + FileNames.printable(entry.name()) + ": " + e.getMessage(), e);
                    }
                }
            }
        }

        private Path stillThere(TarEntry entry, Object inode) {
            try {
                Path path = rootfs.resolveExisting(entry.name());
                BasicFileAttributes attributes = path == null ? null : RootfsDirectory.attributesOrNull(path);
                return attributes != null && attributes.isDirectory() && inode.equals(attributes.fileKey()) ? path : null;
            } catch (IOException replacedByLaterEntries) {
                return null; // e.g. a parent became a symlink loop: this directory is gone anyway
            }
        }

        // tag::metadata[]
        // One system call each (FileMetadata): an image layer has tens of thousands of entries.
        private void setOwnerTimeAndMode(Path path, TarEntry entry) throws IOException {
            boolean symlink = entry.type() == TarEntry.Type.SYMLINK;
            if (preserveOwners) { // lchown(2): the link's own owner; first, as chown clears setuid/setgid
                FileMetadata.lchown(path, (int) entry.uid(), (int) entry.gid());
            }
            FileMetadata.setModificationTime(path, entry.mtime()); // utimensat(2): a symlink's own mtime
            if (!symlink) { // Linux has no mode for symlinks: they are always rwxrwxrwx
                FileMetadata.chmod(path, entry.mode()); // a file or directory this unpacking made
            }
        }
        // end::metadata[]

    }

    /** Whether this process is root (effective uid 0), asked once. */
    private static final class RunningAs {
        static final boolean ROOT = new LinuxSyscalls().geteuid() == 0;
    }
}
