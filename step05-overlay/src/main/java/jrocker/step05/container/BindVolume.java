package jrocker.step05.container;

import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step04.linux.PivotRootSyscalls;

// tag::bind-volume[]
/**
 * {@code -v HOST:CTR[:ro]}: the host directory appears at CTR inside the container. A bind mount, made by
 * the init before pivot_root, onto {@code merged/CTR}; the later recursive bind of the root carries it
 * along. The files live on the host, outside the container's layer: they survive the container, and
 * only the host's own tools delete them. Read-only needs a second call: a bind mount takes MS_RDONLY
 * only when it is remounted.
 */
public record BindVolume(String hostDirectory, String root, String containerPath, boolean readOnly)
        implements InitStage<PivotRootSyscalls> {
    @Override
    public void run(PivotRootSyscalls syscalls) {
        String target = root;
        for (String component : containerPath.split("/")) {
            if (!component.isEmpty()) {
                target = target + "/" + component;
                syscalls.mkdir(target, 0755); // created in the container's layer, like docker does
            }
        }
        syscalls.mount(hostDirectory, target, null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
        if (readOnly) {
            syscalls.mount(hostDirectory, target, null,
                    MountFlags.MS_BIND | MountFlags.MS_REC | MountFlags.MS_REMOUNT | MountFlags.MS_RDONLY, null);
        }
    }
}
// end::bind-volume[]
