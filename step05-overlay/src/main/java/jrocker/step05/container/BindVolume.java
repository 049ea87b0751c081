package jrocker.step05.container;

import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step04.linux.PivotRootSyscalls;

// tag::bind-volume[]
/**
 * {@code -v HOST:CTR[:ro]}: the host directory (or file) appears at CTR inside the container. A bind mount,
 * made by the init before pivot_root, onto {@code merged/CTR}; the later recursive bind of the root carries
 * it along. The files live on the host, outside the container's layer: they survive the container, and
 * only the host's own tools delete them. Read-only needs a second call: a bind mount takes MS_RDONLY only
 * when it is remounted.
 *
 * <p>CTR is found and, when the image lacks it, made by {@link MountPoints}: inside the container's root,
 * through the image's symlinks, in the container's own layer.
 */
public record BindVolume(String hostPath, String root, String containerPath, boolean readOnly)
        implements InitStage<PivotRootSyscalls> {
    @Override
    public void run(PivotRootSyscalls syscalls) {
        // Before pivot_root the init still sees the host's files: a directory gets a directory, anything else
        // (a file, a socket) a file, since a bind mount needs a mount point of the same kind.
        Path target = Files.isDirectory(Path.of(hostPath))
                ? MountPoints.directory(Path.of(root), containerPath)
                : MountPoints.file(Path.of(root), containerPath);
        syscalls.mount(hostPath, target.toString(), null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
        if (readOnly) {
            syscalls.mount(hostPath, target.toString(), null,
                    MountFlags.MS_BIND | MountFlags.MS_REC | MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null);
        }
    }
}
// end::bind-volume[]
