package jrocker.step02.container;

import java.io.PrintWriter;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.HostStage;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.cgroup.CgroupDriver;
import jrocker.step02.cgroup.MemorySize;
import jrocker.step02.cgroup.ResourceLimits;

/**
 * The container's own cgroup, {@code jrocker/ID} in every hierarchy it uses: made and joined between the
 * init's Ready and Go, removed at the end, however the container ended.
 */
public final class ContainerCgroup implements HostStage {
    private final ContainerId id;
    private final ResourceLimits limits;
    /** This container's cgroup, from Ready until it is removed. */
    private volatile Cgroup cgroup;

    public ContainerCgroup(ContainerId id, ResourceLimits limits) {
        this.id = id;
        this.limits = limits;
    }

    // tag::host-setup[]
    /**
     * Between the init's Ready and Go: create the container's cgroup and move the init into it. The init
     * has already loaded and allocated everything it needs, so a small limit (-m 16m, --pids-limit 10)
     * cannot kill it before it execs; its children, the user's command included, are born inside.
     */
    @Override
    public void betweenReadyAndGo(long initPid) {
        cgroup = CgroupDriver.forThisHost().create(id.full(), limits);
        cgroup.addProcess(initPid);
    }
    // end::host-setup[]

    /** However the container ended (or failed to start), its cgroup goes. */
    @Override
    public void undo() {
        Cgroup made = cgroup;
        if (made != null) {
            made.remove();
            cgroup = null;
        }
    }

    // tag::wait[]
    /** Wait as step01 does; then tell an OOM kill from other deaths by the kernel's own counter. */
    public int waitFor(Container container, PrintWriter err) {
        int status = container.waitFor();
        if (status == 137 && limits.memoryBytes().isPresent() && cgroup.oomKilled()) {
            err.println("jrocker: killed: out of memory, limit " + MemorySize.describe(limits.memoryBytes().getAsLong()));
            err.flush();
        }
        return status;
    }
    // end::wait[]
}
