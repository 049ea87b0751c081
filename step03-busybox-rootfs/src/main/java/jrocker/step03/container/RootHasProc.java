package jrocker.step03.container;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.HostStage;

/**
 * The container's root has a {@code proc} directory: the init mounts the container's proc there, and a mount
 * needs a directory to go on. Without this check the start would fail deep in the init with
 * {@code mount(proc, /proc, ...) failed: ENOENT}, which does not say what to do. runc makes a missing mount
 * point itself, in the root you gave it, and so does step05 (chapter 5's mount points); steps 3 and 4, which
 * do not teach that yet, say what is missing instead.
 *
 * @param root    the directory that becomes the container's "/"
 * @param fix     what to do about it, for the message
 */
public record RootHasProc(Path root, String fix) implements HostStage {
    private static final String WHOLE_ROOTFS = "or use a whole root file system (`jrocker rootfs busybox -o busybox.tar`"
            + " makes one)";

    /** --rootfs DIR: your directory. */
    public static RootHasProc directory(Path root) {
        return new RootHasProc(root, "make it (mkdir " + root.resolve("proc") + "), " + WHOLE_ROOTFS);
    }

    /** --rootfs TAR: unpacked into {@code root}, the container's own copy. */
    public static RootHasProc unpackedFrom(Path tar, Path root) {
        return new RootHasProc(root, "the tar " + tar + " has none: add a proc directory to it, " + WHOLE_ROOTFS);
    }

    @Override
    public void whileInitBoots() {
        if (!Files.isDirectory(root.resolve("proc"), LinkOption.NOFOLLOW_LINKS)) {
            throw ContainerException.runtime("the root file system " + root + " has no proc directory, where the"
                    + " container's /proc is mounted: " + fix);
        }
    }
}
