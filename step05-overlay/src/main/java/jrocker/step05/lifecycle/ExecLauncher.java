package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.DedicatedThread;
import jrocker.step01.container.ProcessReaper;
import jrocker.step01.linux.Namespace;
import jrocker.step05.linux.LifecycleSyscalls;

// tag::exec-launcher[]
/**
 * {@code jrocker exec}'s launcher: the same init JVM and conversation as {@code run}, started inside an
 * existing container instead of new namespaces. A process cannot move itself into another PID namespace;
 * setns(2) on a PID namespace only decides where the caller's future children are born. So, as step01 did
 * with unshare, a thread of its own joins the container's PID namespace and starts the init from there; the
 * init joins the other namespaces itself ({@link jrocker.step05.container.JoinNamespaces}).
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

    @Override
    protected Process startInit(Set<Namespace> namespaces, Path socketPath, Stdio stdio) throws IOException {
        ProcessBuilder builder = processBuilder(initCommand(socketPath), stdio);
        String pidNamespace = "/proc/" + containerPid + "/ns/pid";
        ProcessReaper.ensureIdleThread(); // the thread below cannot create the reaper thread start() needs
        return DedicatedThread.run("jrocker-setns", () -> {
            syscalls.joinNamespace(pidNamespace);
            return builder.start();
        });
    }
}
// end::exec-launcher[]
