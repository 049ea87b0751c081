package jrocker.step05.container;

import java.util.List;
import jrocker.step01.container.InitStage;
import jrocker.step05.linux.LifecycleSyscalls;

// tag::join-namespaces[]
/**
 * {@code jrocker exec}: enter the namespaces of a running container, the first thing its exec init does.
 * The PID namespace was joined before this JVM was started (a process cannot change its own PID namespace,
 * only that of its future children: jrocker's start thread did it). Here the init joins the others through
 * the host's {@code /proc/PID/ns/} files of the container's PID 1.
 *
 * <p>The mount namespace comes last: joining it also moves this process' root and working directory to the
 * container's root (step04 pivoted into it), and from then on "/proc" is the container's /proc, where the
 * host's PID no longer means anything. Before it, {@code unshare(CLONE_FS)}: the kernel lets only a process
 * that shares its root and working directory with no other thread change its mount namespace, and every
 * JVM has many threads.
 *
 * @param containerPid the container's PID 1 as the host numbers it
 * @param namespaces   the entries of /proc/PID/ns/ to join, in order, "mnt" last
 */
public record JoinNamespaces(long containerPid, List<String> namespaces) implements InitStage<LifecycleSyscalls> {
    /** What exec joins before Ready: all but pid (joined already) and cgroup (joined after Go). */
    public static final List<String> BEFORE_READY = List.of("uts", "ipc", "net", "mnt"); // <1>

    public JoinNamespaces {
        namespaces = List.copyOf(namespaces);
        if (namespaces.contains("mnt") && !namespaces.get(namespaces.size() - 1).equals("mnt")) {
            throw new IllegalArgumentException("mnt must be joined last: after it, /proc/" + containerPid
                    + " means something else");
        }
    }

    @Override
    public void run(LifecycleSyscalls syscalls) {
        for (String namespace : namespaces) {
            if (namespace.equals("mnt")) {
                syscalls.unshare(LifecycleSyscalls.CLONE_FS); // <2>
            }
            syscalls.joinNamespace("/proc/" + containerPid + "/ns/" + namespace); // <3>
        }
    }
}
// end::join-namespaces[]
