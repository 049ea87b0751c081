package jrocker.step04.cli;

import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.Syscalls;
import jrocker.step03.container.Chroot;
import jrocker.step04.Main;
import jrocker.step04.container.PivotRootStages;
import jrocker.step04.container.SystemMounts;
import jrocker.step04.linux.LinuxPivotRootSyscalls;
import picocli.CommandLine.Command;

/**
 * step04's {@code run}: step03's, with the chroot replaced by pivot_root, and a container that gets a
 * proper /proc, /sys and /dev.
 */
@Command(name = "run",
        description = "Run COMMAND in new namespaces and its own cgroup; with --rootfs, in its own root file system.")
public class RunCommand extends jrocker.step03.cli.RunCommand {

    @Override
    protected Syscalls syscalls() {
        return new LinuxPivotRootSyscalls();
    }

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    // tag::stages[]
    /**
     * step03's stages, where the chroot becomes bind + pivot_root + detach, and /sys, /dev and the /proc
     * masks follow the mount of /proc:
     * MakeMountsPrivate, SetHostname, BindRootfs, PivotRoot, DetachOldRoot, MountProc, MountSys, MountDev,
     * MaskProc (and TakeTerminal with -t). The order matters: mounts are private before anything is
     * mounted; the old root is detached before anything else is mounted; /dev/null exists before it is
     * bind-mounted over the masked files.
     */
    @Override
    protected List<InitStage<?>> stages(ContainerId id, String hostname) {
        List<InitStage<?>> stages = new ArrayList<>(super.stages(id, hostname));
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) instanceof Chroot chroot) {
                stages.remove(i);
                stages.addAll(i, List.of(
                        new PivotRootStages.BindRootfs(chroot.rootfs()),
                        new PivotRootStages.PivotRoot(chroot.rootfs()),
                        new PivotRootStages.DetachOldRoot()));
                int proc = stages.indexOf(new Stages.MountProc());
                stages.addAll(proc + 1, List.of(new SystemMounts.MountSys(), new SystemMounts.MountDev(),
                        new SystemMounts.MaskProc()));
                break;
            }
        }
        return stages;
    }
    // end::stages[]
}
