package jrocker.step03.container;

import jrocker.step01.container.InitStage;
import jrocker.step03.linux.RootfsSyscalls;

// tag::chroot[]
/**
 * Make {@code rootfs} the container's "/". chroot(2) changes only where path names start; the working
 * directory stays where it was, outside the new root, so the init moves into the new root right away.
 * This is the whole of step03's isolation of files, and it is not enough: a process that may call
 * chroot itself can climb out (chapter 3 shows how, and step04 closes the hole with pivot_root).
 */
public record Chroot(String rootfs) implements InitStage<RootfsSyscalls> {
    @Override
    public void run(RootfsSyscalls syscalls) {
        // tag::exercise-chroot[]
        syscalls.chroot(rootfs);
        syscalls.chdir("/");
        // end::exercise-chroot[]
    }
}
// end::chroot[]
