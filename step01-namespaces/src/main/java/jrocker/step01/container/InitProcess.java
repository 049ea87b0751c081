package jrocker.step01.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step01.linux.Syscalls;

/**
 * The container's init: a second JVM that jrocker started inside the new namespaces, running
 * {@code jrocker init SOCKET}. It is PID 1 there. It asks jrocker what to do, does it, and finally
 * replaces itself with the user's command (execve), which so becomes PID 1.
 *
 * <p>Keep this path lean: it runs on every container start. It loads no CLI parser and no JSON
 * library, and it allocates everything execve needs before it says Ready (see step02: the init may be
 * placed in a cgroup with a tiny memory and pids limit right after that).
 */
public final class InitProcess {
    private final Syscalls syscalls;

    public InitProcess(Syscalls syscalls) {
        this.syscalls = syscalls;
    }

    /** Entry point of {@code jrocker init SOCKET}; returns an exit status only when exec did not happen. */
    public int main(String socketPath) {
        Thread preload = Preload.forInit(syscalls);
        ControlChannel channel;
        try {
            SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(UnixDomainSocketAddress.of(socketPath));
            channel = new ControlChannel(socket);
            Trace.phase("connected to jrocker");
        } catch (IOException e) {
            System.err.println("jrocker init: cannot reach jrocker at " + socketPath + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILED;
        }
        try {
            long hostPid = hostPid(); // first: the stages mount a new /proc over the host's
            InitPlan plan = channel.awaitStart();
            Trace.phase("plan received");
            openEveryJar();
            Preload.await(preload);
            Trace.phase("preload done (JNA, libc)");
            Syscalls.PreparedExec command = prepare(plan);
            Trace.phase("stages done: Ready");
            channel.send(new Message.Ready(hostPid));
            channel.awaitGo();
            Trace.phase("Go: after-Go stages, walls, execve"); // nothing more between the walls and execve
            runStages(plan.afterGo());
            exec(command);
            // Only a test double returns from execve.
            return 0;
        } catch (ContainerException e) {
            return report(channel, e.exitCode(), e.getMessage());
        } catch (SyscallException e) {
            return report(channel, ExitCodes.RUNTIME_FAILED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return report(channel, ExitCodes.RUNTIME_FAILED, "init: " + e);
        }
    }

    /**
     * This process' ID as the host numbers it. getpid() says 1 (or, for step05's exec, the number inside the
     * container's PID namespace), but /proc/self is read from the /proc that is mounted, and until the
     * stages mount the container's own, that is the host's: its "self" link names our host PID.
     */
    static long hostPid() throws IOException {
        return Long.parseLong(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self")).toString());
    }

    /**
     * Once the root has changed (step03's chroot, step04's pivot_root), the host's files are out of
     * reach, and so are the jars the JVM loads classes from, lazily, as they are first used. A jar the
     * class loader has opened stays readable through its open file. Asking for a resource that every jar
     * has makes the class loader open them all, now, while their paths still mean something.
     */
    static void openEveryJar() throws IOException {
        java.util.Enumeration<java.net.URL> manifests = ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            manifests.nextElement();
        }
    }

    // tag::prepare[]
    /**
     * Everything before Ready: run the stages in order, let the after-Go stages allocate what they will
     * need, find the command, and allocate what execve needs. Returns the prepared command; exec happens
     * after jrocker says Go.
     */
    public Syscalls.PreparedExec prepare(InitPlan plan) {
        runStages(plan.stages());
        prepareStages(plan.afterGo());
        InitPlan.Command command = plan.command();
        String path = CommandLookup.find(command.argv().get(0), command.getenv("PATH", CommandLookup.DEFAULT_PATH));
        return syscalls.prepareExec(path, command.argv(), command.env());
    }
    // end::prepare[]

    /** Each stage runs with this step's system calls (a stage declares the ones it needs as its type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void runStages(java.util.List<InitStage<?>> stages) {
        for (InitStage stage : stages) {
            stage.run(syscalls);
        }
    }

    /**
     * {@link InitStage#prepare} of each stage, with this step's system calls. A plain loop, like
     * {@link #runStages}: the init uses no lambdas, since the JVM's first one costs milliseconds.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void prepareStages(java.util.List<InitStage<?>> stages) {
        for (InitStage stage : stages) {
            stage.prepare(syscalls);
        }
    }

    // tag::exec[]
    /**
     * Become the user's command. First every file descriptor above stderr is marked close-on-exec: the
     * JVM holds jar files, sockets and more open (some opened lazily, which is why this happens last),
     * and none of them may leak into the container. Our control socket closes too: that end of stream
     * is how jrocker learns that exec worked.
     */
    public void exec(Syscalls.PreparedExec command) {
        syscalls.closeOnExecAbove(2); // <1>
        try {
            syscalls.execve(command); // <2>
        } catch (SyscallException e) {
            throw execFailure(command.path(), e); // <3>
        }
    }
    // end::exec[]

    /** execve's errno as docker reports it: 127 when the file (or its #! interpreter) is missing, else 126. */
    static ContainerException execFailure(String path, SyscallException e) {
        String prefix = "exec: \"" + path + "\": ";
        return switch (e.errno()) {
            case Errno.ENOENT -> new ContainerException(ExitCodes.NOT_FOUND,
                    prefix + "no such file or directory (for a script: is the interpreter on its #! line there?)");
            case Errno.ENOEXEC -> new ContainerException(ExitCodes.NOT_EXECUTABLE,
                    prefix + "exec format error (not a program for this machine, nor a script with a #! line)");
            case Errno.EACCES -> new ContainerException(ExitCodes.NOT_EXECUTABLE, prefix + "permission denied");
            default -> new ContainerException(ExitCodes.NOT_EXECUTABLE, e.getMessage());
        };
    }

    private static int report(ControlChannel channel, int exitCode, String message) {
        try {
            channel.send(new Message.Failed(exitCode, message));
        } catch (IOException e) {
            System.err.println("jrocker init: " + message);
        }
        return exitCode;
    }
}
