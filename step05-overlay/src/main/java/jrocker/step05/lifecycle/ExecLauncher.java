package jrocker.step05.lifecycle;

import java.util.Set;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.linux.Namespace;
import jrocker.step05.linux.LifecycleSyscalls;

// tag::exec-launcher[]
/**
 * {@code jrocker exec}'s launcher: the same init JVM and conversation as {@code run}, started inside an
 * existing container instead of new namespaces. A process cannot move itself into another PID namespace;
 * setns(2) on a PID namespace only decides where the caller's future children are born. So step01's launcher
 * does the work, with one change: where its thread of its own called unshare, it joins the container's PID
 * namespace, then starts the init from there. The init joins the other namespaces itself
 * ({@link jrocker.step05.container.JoinNamespaces}).
 */
public final class ExecLauncher extends ContainerLauncher {
    private final LifecycleSyscalls syscalls;
    private final long containerPid;

    /** @param containerPid the container's PID 1, as the host numbers it */
    public ExecLauncher(LifecycleSyscalls syscalls, Class<?> mainClass, long containerPid) {
        super(syscalls, mainClass);
        this.syscalls = syscalls;
        this.containerPid = containerPid;
    }

    /**
     * Instead of new namespaces, the container's PID namespace: the init is born there. {@code namespaces} is
     * empty for exec; the init joins the container's other namespaces itself.
     */
    @Override
    protected void enterNamespaces(Set<Namespace> namespaces) {
        syscalls.joinNamespace("/proc/" + containerPid + "/ns/pid"); // <1>
    }
}
// end::exec-launcher[]
