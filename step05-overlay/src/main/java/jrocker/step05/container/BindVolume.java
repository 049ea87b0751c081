package jrocker.step05.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step04.linux.PivotRootSyscalls;

// tag::bind-volume[]
/**
 * {@code -v HOST:CTR[:ro]}: the host directory appears at CTR inside the container. A bind mount, made by
 * the init before pivot_root, onto {@code merged/CTR}; the later recursive bind of the root carries it
 * along. The files live on the host, outside the container's layer: they survive the container, and
 * only the host's own tools delete them. Read-only needs a second call: a bind mount takes MS_RDONLY
 * only when it is remounted.
 *
 * <p>CTR is resolved the way the container will see it: a symlink in the image (say {@code /data -> /etc})
 * is followed inside the container's root, never from the host's "/" (where the init still stands before
 * pivot_root), with step03's {@link RootfsDirectory}. Missing directories are created in the container's
 * layer, as docker does.
 */
public record BindVolume(String hostDirectory, String root, String containerPath, boolean readOnly)
        implements InitStage<PivotRootSyscalls> {
    @Override
    public void run(PivotRootSyscalls syscalls) {
        String target = insideRoot();
        syscalls.mount(hostDirectory, target, null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
        if (readOnly) {
            syscalls.mount(hostDirectory, target, null,
                    MountFlags.MS_BIND | MountFlags.MS_REC | MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null);
        }
    }

    /** The host path of CTR within the root: every component, the last one too, resolved as a directory. */
    private String insideRoot() {
        try {
            return new RootfsDirectory(Path.of(root)).resolveForWriting(containerPath + "/" + PLACEHOLDER).getParent().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("volume " + containerPath + ": " + e.getMessage(), e);
        }
    }

    /** A name under CTR, so that resolving it resolves (and creates) CTR itself as a directory. */
    private static final String PLACEHOLDER = "volume";
}
// end::bind-volume[]
