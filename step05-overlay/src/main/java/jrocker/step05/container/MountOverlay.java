package jrocker.step05.container;

import java.util.List;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Syscalls;

// tag::mount-overlay[]
/**
 * Stack the image's layers with overlayfs: the layers are read-only "lower" directories, the container
 * writes to its own "upper" directory, and "merged" shows the union, which becomes the container's root.
 * A file changed in the container is copied up into upper first (copy-on-write), so the image's layers
 * never change and any number of containers share them. Creating a container is one mount, whatever the
 * image's size.
 *
 * <p>The init mounts it, inside the container's mount namespace (after MakeMountsPrivate): the host never
 * sees this mount, and it disappears with the namespace when the container ends. What the container wrote
 * stays in upper.
 *
 * @param lowerTopFirst the layer directories, top layer first (overlayfs' order for lowerdir)
 */
public record MountOverlay(List<String> lowerTopFirst, String upper, String work, String merged)
        implements InitStage<Syscalls> {
    @Override
    public void run(Syscalls syscalls) {
        String options = "lowerdir=" + String.join(":", lowerTopFirst) + ",upperdir=" + upper + ",workdir=" + work; // <1>
        syscalls.mount("overlay", merged, "overlay", 0, options); // <2>
    }
}
// end::mount-overlay[]
