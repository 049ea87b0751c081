package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.ControlSocketPath;
import jrocker.step01.linux.Namespace;
import jrocker.step05.linux.LifecycleSyscalls;

// tag::exec-launcher[]
/**
 * How {@code jrocker exec} starts its init, for step01's {@link ContainerLauncher}: the same init JVM and
 * conversation as {@code run}, started inside an existing container instead of new namespaces. A process
 * cannot move itself into another PID namespace; setns(2) on a PID namespace only decides where the caller's
 * future children are born. So step01's start does the work, with one change: where its thread of its own
 * called unshare, it joins the container's PID namespace, then starts the init from there. The init joins
 * the other namespaces itself ({@link jrocker.step05.container.JoinNamespaces}).
 *
 * @param containerPid the container's PID 1, as the host numbers it
 * @param directory    the container's directory: the control socket goes there, as run's does
 */
public record InContainer(LifecycleSyscalls syscalls, long containerPid, Path directory) implements ContainerLauncher.InitStart {
    /** {@code namespaces} is empty for exec: the init joins the container's namespaces itself. */
    @Override
    public Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath, ContainerLauncher.Stdio stdio)
            throws IOException {
        return ContainerLauncher.startFromThreadIn(() -> syscalls.joinNamespace("/proc/" + containerPid + "/ns/pid"), // <1>
                ContainerLauncher.initCommand(javaCommand, socketPath), stdio);
    }

    /** In the container's directory, with a name of its own: two execs at once do not collide. */
    @Override
    public ControlSocketPath controlSocket() throws IOException {
        return ControlSocketPath.in(directory);
    }
}
// end::exec-launcher[]
