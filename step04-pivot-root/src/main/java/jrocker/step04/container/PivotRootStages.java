package jrocker.step04.container;

import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.SyscallException;
import jrocker.step01.linux.Errno;
import jrocker.step04.linux.PivotRootSyscalls;

/**
 * The stages that replace step03's chroot: the container's root becomes a mount of its own, it is
 * swapped in with pivot_root, and the old root is detached, so nothing of the host's file tree stays
 * reachable, not even by climbing "..".
 */
public final class PivotRootStages {
    /** Where pivot_root parks the old root, relative to the new one; removed right after. */
    public static final String OLD_ROOT = "/.old-root";

    private PivotRootStages() {
    }

    // tag::bind-rootfs[]
    /**
     * pivot_root needs the new root to be a mount point, and a plain directory is not one. Bind-mounting
     * the directory onto itself makes it one (MS_REC carries along any mounts below it).
     */
    public record BindRootfs(String rootfs) implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            // tag::exercise-pivot-root[]
            syscalls.mount(rootfs, rootfs, null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
            // end::exercise-pivot-root[]
        }
    }
    // end::bind-rootfs[]

    // tag::pivot-root[]
    /**
     * Swap the roots: {@code rootfs} becomes "/", and the old root is moved to {@code rootfs/.old-root}.
     * Unlike chroot this changes the mount tree itself, for every process of this mount namespace.
     */
    public record PivotRoot(String rootfs) implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            // tag::exercise-pivot-root[]
            syscalls.mkdir(rootfs + OLD_ROOT, 0700);
            try {
                syscalls.pivotRoot(rootfs, rootfs + OLD_ROOT);
            } catch (SyscallException e) {
                if (e.errno() == Errno.EINVAL) {
                    throw e.because("the host's root may be an initramfs, where pivot_root cannot work,"
                            + " or a mount is still shared");
                }
                throw e;
            }
            syscalls.chdir("/");
            // end::exercise-pivot-root[]
        }
    }
    // end::pivot-root[]

    // tag::detach-old-root[]
    /**
     * The host's whole file tree now hangs at /.old-root. Detach it (MNT_DETACH: lazily, as some of its
     * mounts are busy) and remove the empty directory: from here on the host's files have no name in
     * the container.
     */
    public record DetachOldRoot() implements InitStage<PivotRootSyscalls> {
        @Override
        public void run(PivotRootSyscalls syscalls) {
            // tag::exercise-pivot-root[]
            syscalls.umount2(OLD_ROOT, MountFlags.MNT_DETACH);
            syscalls.rmdir(OLD_ROOT);
            // end::exercise-pivot-root[]
        }
    }
    // end::detach-old-root[]
}
