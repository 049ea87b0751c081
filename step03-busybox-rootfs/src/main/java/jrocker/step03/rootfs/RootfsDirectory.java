package jrocker.step03.rootfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jrocker.step01.linux.MountTable;
import jrocker.step03.tar.FileNames;

/**
 * A directory that is (or becomes) a container's root filesystem, seen from the host. Its job is to turn
 * a path <em>inside the container</em> ({@code etc/passwd}, {@code /usr/bin/env}) into a host path that is
 * guaranteed to stay inside the directory, even when the tree already holds hostile symlinks.
 *
 * <p>Why this is needed: unpacking {@code etc -> /etc} and then {@code etc/passwd} naively, with
 * {@code root.resolve("etc/passwd")}, writes the <em>host's</em> /etc/passwd, because the kernel follows
 * the symlink from the host's point of view. Inside the container the same symlink points to the
 * container's own /etc. So we resolve every component ourselves, the way the kernel would if this
 * directory were "/":
 * <ul>
 *   <li>an absolute symlink target starts again at this directory, not at the host's root;</li>
 *   <li>{@code ..} never climbs above this directory (as in a chroot, {@code /..} is {@code /});</li>
 *   <li>after 40 symlinks we give up, like the kernel's ELOOP;</li>
 *   <li>the last component is never followed: whoever writes there replaces a symlink rather than writing
 *       through it.</li>
 * </ul>
 * This assumes that nothing else changes the tree while we work in it: the danger handled here is the
 * archive's content, not a concurrent attacker on the host.
 */
public final class RootfsDirectory {
    /** The kernel's limit on symlinks followed in one path lookup (MAXSYMLINKS, 40 since Linux 4.2). */
    static final int MAX_SYMLINKS = 40;

    private final Path root;
    /** Parent directories already resolved, by their entry name components; null: resolve every time. */
    private final Map<List<String>, Path> resolvedDirectories;

    /** {@code root} must be an existing directory. */
    public RootfsDirectory(Path root) throws IOException {
        this(root, false);
    }

    private RootfsDirectory(Path root, boolean remember) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "not an existing directory");
        }
        this.root = root;
        this.resolvedDirectories = remember ? new HashMap<>() : null;
    }

    /**
     * For one unpacking, which resolves the same parent directories over and over (an archive lists a
     * directory's entries together): each one is resolved once, component by component, and remembered.
     * The owner must call {@link #forgetResolvedDirectories} whenever it removes or replaces anything,
     * since a remembered resolution may have gone through it.
     */
    public static RootfsDirectory rememberingDirectories(Path root) throws IOException {
        return new RootfsDirectory(root, true);
    }

    /** Forget the remembered resolutions (something in the tree was removed or replaced). */
    public void forgetResolvedDirectories() {
        if (resolvedDirectories != null) {
            resolvedDirectories.clear();
        }
    }

    public Path root() {
        return root;
    }

    /**
     * The components of a tar entry name, made relative: empty and {@code .} components dropped, a leading
     * {@code /} removed (as GNU tar does). A {@code ..} component is refused rather than interpreted:
     * image builders never write one, and refusing is simpler to trust than any rule about what it means.
     */
    public static List<String> components(String entryName) throws UnsafeEntryException {
        // tag::exercise-entry-components[]
        if (entryName.indexOf('\0') >= 0) {
            throw new UnsafeEntryException("unsafe tar entry " + entryName.replace('\0', '?')
                    + ": the name contains a NUL byte");
        }
        List<String> components = new ArrayList<>();
        for (String component : entryName.split("/")) {
            if (component.equals("..")) {
                throw new UnsafeEntryException("unsafe tar entry " + entryName + ": \"..\" is not allowed in names");
            }
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return components;
        // end::exercise-entry-components[]
    }

    /**
     * The host path of {@code entryName}, its parent directories created (mode 0755) where missing. The
     * parent is a real directory inside this root; the last component is not looked at at all: it may not
     * exist, or be a file, a directory or a symlink (pointing anywhere), and the caller decides what to do.
     */
    public Path resolveForWriting(String entryName) throws IOException {
        return resolve(entryName, true);
    }

    /**
     * Like {@link #resolveForWriting} but creates nothing: null when a parent directory does not exist. The
     * returned path itself may or may not exist.
     */
    public Path resolveExisting(String entryName) throws IOException {
        return resolve(entryName, false);
    }

    /**
     * Where {@code path} leads inside this root when the last component is followed too, as a process in the
     * container would see it (a mount point is used through its symlinks, unlike a tar entry, which replaces
     * one): every directory on the way is created (mode 0755) where missing, the result is not. It may be
     * missing, a directory or a file, and is inside this root whatever the symlinks say.
     */
    public Path resolveFollowingLast(String path) throws IOException {
        List<String> components = components(path); // the user's path: no ".."; a symlink's target may have some
        for (int symlinksFollowed = 0; ; symlinksFollowed++) {
            if (components.isEmpty()) {
                return root;
            }
            String last = components.get(components.size() - 1);
            if (last.equals(".") || last.equals("..")) { // a symlink's target ends in a directory
                return resolveDirectory(components, true, path);
            }
            Path parent = resolveDirectory(components.subList(0, components.size() - 1), true, path);
            Path resolved = child(parent, last, path);
            BasicFileAttributes attributes = attributesOrNull(resolved);
            if (attributes == null || !attributes.isSymbolicLink()) {
                return resolved;
            }
            if (symlinksFollowed == MAX_SYMLINKS) {
                throw new UnsafeEntryException(path + ": more than " + MAX_SYMLINKS + " symlinks on its path (a symlink loop?)");
            }
            String target = FileNames.name(Files.readSymbolicLink(resolved));
            List<String> next = new ArrayList<>();
            if (!target.startsWith("/")) { // relative: from the symlink's directory, a real one inside the root
                root.relativize(parent).forEach(component -> next.add(FileNames.name(component)));
            }
            next.addAll(List.of(target.split("/")));
            components = next;
        }
    }

    /** The two above: the parent resolved (and remembered during an unpack), created or not; then the child. */
    private Path resolve(String entryName, boolean createParents) throws IOException {
        List<String> components = components(entryName);
        if (components.isEmpty()) {
            return root;
        }
        List<String> parentComponents = components.subList(0, components.size() - 1);
        Path parent = resolvedDirectories == null ? null : resolvedDirectories.get(parentComponents);
        if (parent == null) {
            parent = resolveDirectory(parentComponents, createParents, entryName);
            if (parent != null && resolvedDirectories != null) {
                resolvedDirectories.put(List.copyOf(parentComponents), parent);
            }
        }
        return parent == null ? null : child(parent, components.get(components.size() - 1), entryName);
    }

    // tag::resolve[]
    /**
     * Walk {@code components} from the root, following symlinks as if the root were "/": the result is a
     * real directory inside the root (or null when one is missing and {@code create} is false).
     */
    private Path resolveDirectory(List<String> components, boolean create, String entryName) throws IOException {
        // tag::exercise-rootfs-resolve[]
        Deque<String> toVisit = new ArrayDeque<>(components);
        Deque<Path> visited = new ArrayDeque<>(); // the real directories from the root down to `directory`
        Path directory = root;
        int symlinksFollowed = 0;
        while (!toVisit.isEmpty()) {
            String component = toVisit.removeFirst();
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) { // only symlink targets get here: entry names cannot hold ".."
                directory = visited.isEmpty() ? root : visited.removeLast();
                continue;
            }
            Path next = child(directory, component, entryName);
            BasicFileAttributes attributes = attributesOrNull(next);
            if (attributes == null) {
                if (!create) {
                    return null;
                }
                Files.createDirectory(next);
                Files.setAttribute(next, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS); // whatever the umask
                visited.addLast(directory);
                directory = next;
            } else if (attributes.isSymbolicLink()) {
                if (++symlinksFollowed > MAX_SYMLINKS) {
                    throw new UnsafeEntryException("unsafe tar entry " + entryName + ": more than " + MAX_SYMLINKS
                            + " symlinks on its path (a symlink loop?)");
                }
                String target = FileNames.name(Files.readSymbolicLink(next)); // its bytes, not the locale's text
                if (target.startsWith("/")) { // absolute: start again at the root of the container
                    directory = root;
                    visited.clear();
                }
                List<String> targetComponents = List.of(target.split("/"));
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    toVisit.addFirst(targetComponents.get(i));
                }
            } else if (attributes.isDirectory()) {
                visited.addLast(directory);
                directory = next;
            } else {
                throw new IOException("cannot unpack " + entryName + ": " + root.relativize(next)
                        + " is not a directory");
            }
        }
        return directory;
        // end::exercise-rootfs-resolve[]
    }
    // end::resolve[]

    /** {@code directory/component}, with exactly the component's bytes, in any locale ({@link FileNames}). */
    private static Path child(Path directory, String component, String entryName) throws IOException {
        try {
            return FileNames.resolve(directory, component);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot unpack " + FileNames.printable(entryName) + ": " + e.getMessage());
        }
    }

    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // tag::delete[]
    /**
     * Delete {@code path} and everything below it, never following a symlink: a link to /etc inside a
     * half-unpacked rootfs is removed, /etc is not touched. Directories without write or search permission
     * (an image may well have some) are opened up first, so this also works without root.
     * It refuses to run when a file system is mounted inside {@code path} (a container's /proc, or a bind
     * mount): deleting through a mount would delete what is mounted there. A missing {@code path} is fine.
     */
    public static void deleteRecursively(Path path) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(path);
        if (attributes == null) {
            return;
        }
        if (attributes.isDirectory()) {
            refuseIfSomethingIsMountedIn(path);
        }
        deleteTree(path, attributes);
    }

    private static void deleteTree(Path path, BasicFileAttributes attributes) throws IOException {
        if (attributes.isDirectory()) { // false for a symlink to a directory: we read without following
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & 0700) != 0700) {
                // Following links is fine here (we just saw a real directory), and needed: the JDK's
                // no-follow chmod first opens the directory for reading, which mode 0000 forbids.
                Files.setAttribute(path, "unix:mode", mode & 07777 | 0700);
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    BasicFileAttributes childAttributes = attributesOrNull(child);
                    if (childAttributes != null) {
                        deleteTree(child, childAttributes);
                    }
                }
            }
        }
        Files.deleteIfExists(path);
    }
    // end::delete[]

    private static void refuseIfSomethingIsMountedIn(Path directory) throws IOException {
        String real = directory.toRealPath().toString();
        List<String> mountPoints;
        try {
            mountPoints = MountTable.current().mountPoints();
        } catch (RuntimeException e) {
            throw new IOException("cannot delete " + directory + ": cannot read the mount table: " + e.getMessage(), e);
        }
        for (String mountPoint : mountPoints) {
            if (mountPoint.equals(real) || mountPoint.startsWith(real.endsWith("/") ? real : real + "/")) {
                throw new IOException("refusing to delete " + directory + ": " + mountPoint
                        + " is mounted inside it (umount it first)");
            }
        }
    }
}
