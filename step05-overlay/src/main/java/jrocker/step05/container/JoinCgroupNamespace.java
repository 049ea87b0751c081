package jrocker.step05.container;

import jrocker.step01.container.InitStage;
import jrocker.step05.linux.LifecycleSyscalls;

/**
 * {@code jrocker exec}, after Go: join the container's cgroup namespace, so the command sees the container's
 * cgroup as "/" like the container's own processes (step02's {@code EnterCgroupNamespace} made it). jrocker
 * put this process into the container's cgroup between Ready and Go. The mount namespace is the
 * container's by now, so its /proc numbers processes as the container does: PID 1 is the container's.
 */
public record JoinCgroupNamespace() implements InitStage<LifecycleSyscalls> {
    @Override
    public void run(LifecycleSyscalls syscalls) {
        syscalls.joinNamespace("/proc/1/ns/cgroup");
    }
}
