package jrocker.step05.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Syscalls;
import jrocker.step03.rootfs.RootfsDirectory;

// tag::mount-points[]
/**
 * A mount needs a mount point, and an image need not have one: a tar with nothing but {@code /bin/busybox}
 * is a fine image, and a volume may go where the image has nothing. Like runc, jrocker makes what is
 * missing, mode 0755: a directory for a file system or a directory volume, an empty file for a file
 * volume. From an image, it makes them in the container's own layer (the overlay is mounted by then), so
 * the image's layers never change; with {@code --rootfs DIR} there is no layer, and, as runc does in a
 * bundle's root, it makes them in that directory itself.
 *
 * <p>The path is resolved as the container will see it, with step03's {@link RootfsDirectory}: a symlink
 * in the image ({@code /data -> /etc}, or {@code /data -> /../../host}) is followed inside the container's
 * root, never from the host's "/", where the init still stands before pivot_root.
 */
public final class MountPoints {
    /** Where the kernel's file systems go (the init mounts them after pivot_root): made before it. */
    public static final List<String> KERNEL_FILE_SYSTEMS = List.of("/proc", "/sys", "/dev");

    private MountPoints() {
    }

    /** The init stage that makes {@link #KERNEL_FILE_SYSTEMS} in {@code root} where the image lacks them. */
    public record MakeKernelMountPoints(String root) implements InitStage<Syscalls> {
        @Override
        public void run(Syscalls syscalls) {
            for (String path : KERNEL_FILE_SYSTEMS) {
                directory(Path.of(root), path);
            }
        }
    }

    /** The host path of the directory {@code path} in {@code root}, made (0755) if missing. */
    public static Path directory(Path root, String path) {
        Path target = resolve(root, path);
        BasicFileAttributes found = attributesOrNull(target, path);
        if (found == null) {
            make(target, path, true);
        } else if (!found.isDirectory()) {
            throw ContainerException.runtime("cannot mount a directory at " + path + ": it is a file in the image");
        }
        return target;
    }

    /** The host path of the file {@code path} in {@code root}, made (empty, 0755) if missing. */
    public static Path file(Path root, String path) {
        Path target = resolve(root, path);
        BasicFileAttributes found = attributesOrNull(target, path);
        if (found == null) {
            make(target, path, false);
        } else if (found.isDirectory()) {
            throw ContainerException.runtime("cannot mount a file at " + path + ": it is a directory in the image");
        }
        return target;
    }
    // end::mount-points[]

    private static Path resolve(Path root, String path) {
        try {
            return new RootfsDirectory(root).resolveFollowingLast(path);
        } catch (IOException e) {
            throw ContainerException.runtime("cannot make the mount point " + path + ": " + e.getMessage());
        }
    }

    private static BasicFileAttributes attributesOrNull(Path target, String path) {
        try {
            return Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw ContainerException.runtime("cannot make the mount point " + path + ": " + e.getMessage());
        }
    }

    private static void make(Path target, String path, boolean directory) {
        try {
            if (directory) {
                Files.createDirectory(target);
            } else {
                Files.createFile(target);
            }
            Files.setAttribute(target, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS); // whatever the umask
        } catch (IOException e) {
            throw ContainerException.runtime("cannot make the mount point " + path + ": " + e);
        }
    }
}
