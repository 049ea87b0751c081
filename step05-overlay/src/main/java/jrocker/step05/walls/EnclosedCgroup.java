package jrocker.step05.walls;

import jrocker.step01.container.HostStage;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.container.ContainerCgroup;

/**
 * step02's cgroup stage with the walls of {@link CgroupWalls}: once the container's cgroup is made and the init
 * is in it, the init goes into {@code jrocker/<id>} of every other hierarchy too, with the device rules. Undone
 * after step02's own undo: the cgroups of the other hierarchies, which step02 does not know, go last.
 */
public final class EnclosedCgroup implements HostStage {
    private final ContainerCgroup cgroup;
    private final String containerId;
    private final boolean privileged;

    public EnclosedCgroup(ContainerCgroup cgroup, String containerId, boolean privileged) {
        this.cgroup = cgroup;
        this.containerId = containerId;
        this.privileged = privileged;
    }

    @Override
    public void betweenReadyAndGo(long initPid) {
        cgroup.betweenReadyAndGo(initPid);
        CgroupWalls.enclose(containerId, initPid, privileged);
    }

    @Override
    public void undo() {
        cgroup.undo();
        Cgroup.find(containerId, CgroupLayout.detect()).ifPresent(Cgroup::remove);
    }
}
