package jrocker.step02.container;

import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;

// tag::enter-cgroup-namespace[]
/**
 * A new cgroup namespace is rooted at the cgroup its creator is in at that moment. In step01 jrocker
 * created it together with the other namespaces; now the init is moved into {@code jrocker/ID} only
 * after that, so the container would see {@code /jrocker/ID} in /proc/self/cgroup. The init creates
 * its cgroup namespace itself, after Go, when it is in its own cgroup: the container then sees "/".
 * unshare(2) allocates nothing, so it is safe under the container's limits.
 */
public record EnterCgroupNamespace() implements InitStage<Syscalls> {
    @Override
    public void run(Syscalls syscalls) {
        syscalls.unshare(Namespace.CGROUP.cloneFlag());
    }
}
// end::enter-cgroup-namespace[]
