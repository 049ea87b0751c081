package jrocker.step01.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;

/**
 * jrocker's side of starting a container: new namespaces, the init JVM inside them, and the
 * conversation with it ({@link Message}).
 *
 * <p>A JVM cannot fork: it always has many threads, and a forked copy would have only one. So the
 * init is a new JVM, started with {@link ProcessBuilder}, and it gets its namespaces this way: a
 * fresh thread calls unshare(2) — namespaces belong to a thread, so only that thread moves — and then
 * starts the child. The child is born in the thread's namespaces; with a new PID namespace it is PID 1.
 * That is step01's {@link InitStart}, {@link InNewNamespaces}; step05 gives its containers a monitor process
 * above the init, and its {@code exec} starts the init in a running container's PID namespace: each is another
 * {@code InitStart}, handed to this same launcher.
 */
public final class ContainerLauncher {
    /** Variables that make any JVM print "Picked up ..." on stderr; the container must not see that. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String mainClass;
    private final InitStart initStart;
    /** The process this launcher started, as soon as it exists: {@link #killInit} may be called from another thread. */
    private volatile Process init;
    /** The init's host PID, from its Ready message (0 before). */
    private volatile long initPid;
    /** The control socket from {@link #bootInit} until the start is complete or failed. */
    private volatile ServerSocketChannel server;
    private volatile ControlSocketPath socketPath;

    /** step01's launcher: the init in new namespaces, entered by a thread of its own ({@link InNewNamespaces}). */
    public ContainerLauncher(Syscalls syscalls, Class<?> mainClass) {
        this(mainClass, new InNewNamespaces(syscalls));
    }

    /**
     * @param mainClass the class whose {@code main} handles {@code init SOCKET}: the step's own Main
     * @param initStart how the init's process is started, and where its namespaces come from
     */
    public ContainerLauncher(Class<?> mainClass, InitStart initStart) {
        this.mainClass = mainClass.getName();
        this.initStart = initStart;
    }

    /** How the init's process comes to be, in which namespaces; and how to kill it before it is Ready. */
    public interface InitStart {
        /**
         * Start {@code javaCommand init SOCKET}, this step's program as the container's init, in {@code namespaces},
         * with {@code stdio}; return the process jrocker waits for.
         */
        Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath, Stdio stdio) throws IOException;

        /**
         * SIGKILL {@code started}, the process {@link #start} returned, and the processes it started. For step01's
         * start that is the init itself, which starts nothing before it execs.
         */
        default void kill(Process started) {
            started.destroyForcibly();
        }

        /**
         * Where the control socket goes: a new directory in the temporary directory (steps 1 to 4), or, in
         * step05, the container's own directory, which nothing outlives.
         */
        default ControlSocketPath controlSocket() throws IOException {
            return ControlSocketPath.inNewTemporaryDirectory();
        }
    }

    /** What jrocker does on the host while the init waits between Ready and Go (step02: join a cgroup). */
    @FunctionalInterface
    public interface HostSetup {
        void beforeExec(long initPid) throws IOException;

        HostSetup NOTHING = initPid -> {
        };
    }

    /** Where the container's stdin, stdout and stderr come from and go to. */
    public record Stdio(ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err) {
        /** The terminal or pipes jrocker has; stdin only when {@code interactive} (docker's -i). */
        public static Stdio inherit(boolean interactive) {
            return new Stdio(interactive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")),
                    ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT);
        }
    }

    // tag::start[]
    /**
     * Start a container: the init JVM in new {@code namespaces}, given {@code plan}. Returns once the
     * user's command has been exec'd; throws {@link ContainerException} (with 126/127 for a command
     * that cannot run) when it was not, after the init has exited.
     */
    public Container start(Set<Namespace> namespaces, InitPlan plan, Stdio stdio, HostSetup hostSetup)
            throws IOException {
        bootInit(namespaces, stdio);
        return completeStart(plan, hostSetup);
    }

    /**
     * The first half of {@link #start}: the control socket, and the init started on it. A JVM takes tens of
     * milliseconds to boot, so {@code run} calls this first and prepares the container (its root file
     * system, its image) while the init boots; the init waits for its plan, which {@link #completeStart}
     * sends.
     */
    public void bootInit(Set<Namespace> namespaces, Stdio stdio) throws IOException {
        socketPath = initStart.controlSocket();
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath.bindPath()));
            ServerSocketChannel listening = server;
            init = initStart.start(namespaces, javaCommand(), Path.of(socketPath.connectPath()), stdio);
            // If the init dies before it connects, closing the server ends the wait in accept().
            init.onExit().thenRun(() -> closeQuietly(listening));
        } catch (IOException | RuntimeException e) {
            closeControlSocket();
            throw e;
        }
    }

    /** The second half of {@link #start}: the conversation with the init that {@link #bootInit} started. */
    public Container completeStart(InitPlan plan, HostSetup hostSetup) throws IOException {
        ServerSocketChannel listening = server;
        if (listening == null) { // killInit came first (jrocker is being stopped)
            throw ContainerException.runtime("the container's start was cancelled");
        }
        try (ControlChannel channel = new ControlChannel(acceptFrom(listening, init))) {
            Trace.phase("init connected: plan sent");
            channel.send(new Message.Start(plan));
            initPid = channel.awaitReady();
            hostSetup.beforeExec(initPid);
            channel.send(new Message.Go());
            channel.awaitExec();
            return new Container(init, initPid);
        } catch (IOException | RuntimeException e) {
            initStart.kill(init);
            Container.waitUninterruptibly(init);
            throw e;
        } finally {
            closeControlSocket();
        }
    }

    /** step01's start: new {@code namespaces}, which a thread of its own enters with unshare(2). */
    public record InNewNamespaces(Syscalls syscalls) implements InitStart {
        @Override
        public Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath, Stdio stdio)
                throws IOException {
            return startFromThreadIn(() -> syscalls.unshare(Namespace.cloneFlags(namespaces)), // <1>
                    initCommand(javaCommand, socketPath), stdio);
        }
    }

    /**
     * Start {@code command} from a thread of its own, once {@code enterNamespaces} has moved that thread into
     * the namespaces the child is to be born in. The thread is used for nothing else and ends right after: it
     * lives in the container's namespaces now. (step05's exec enters a running container's PID namespace.)
     */
    public static Process startFromThreadIn(Runnable enterNamespaces, List<String> command, Stdio stdio) throws IOException {
        ProcessBuilder builder = processBuilder(command, stdio);
        Preload.awaitContainerStart(); // its own process could take the idle reaper
        ProcessReaper.ensureIdleThread(); // the thread below cannot create the reaper thread start() needs
        return DedicatedThread.run("jrocker-enter-namespaces", () -> {
            enterNamespaces.run();
            return builder.start(); // <2> <3>
        });
    }
    // end::start[]

    /**
     * SIGKILL the init (or, once it has exec'd, the container's PID 1, which takes its whole PID namespace
     * with it) and wait up to {@code seconds} for the process this launcher started to be gone. Safe from
     * any thread, at any time.
     */
    public void killInit(long seconds) {
        Process started = init;
        if (started == null) {
            return;
        }
        if (!started.isAlive()) { // the container is over, and its PID may be another process's by now
            closeControlSocket();
            return;
        }
        long pid = initPid;
        if (pid > 0) {
            // The init's own PID, which is not always the process we started (step05 starts a monitor above it).
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            initStart.kill(started); // before Ready its PID is unknown
        }
        try {
            started.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeControlSocket();
    }

    /** Close the control socket and remove its file; nothing if that was done already. */
    private synchronized void closeControlSocket() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        if (socketPath != null) {
            socketPath.close();
            socketPath = null;
        }
    }

    /**
     * A process builder for {@code command} with {@code stdio}, without the host's JVM option variables, and
     * with a UTF-8 locale for the JVMs it starts when the host gives none ({@link JvmOptions#withUtf8Locale}).
     */
    public static ProcessBuilder processBuilder(List<String> command, Stdio stdio) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeAll(JVM_ENVIRONMENT);
        JvmOptions.withUtf8Locale(environment);
        Trace.passOn(environment);
        return builder;
    }

    /** {@code java [init options] -cp CLASSPATH jrocker.stepNN.Main init SOCKET}: {@code javaCommand} as the init. */
    public static List<String> initCommand(List<String> javaCommand, Path socketPath) {
        List<String> command = new ArrayList<>(javaCommand);
        command.add("init");
        command.add(socketPath.toString());
        return command;
    }

    /** {@code java [init options] -cp CLASSPATH jrocker.stepNN.Main}: this step's program, in a lean JVM. */
    public List<String> javaCommand() {
        return javaCommand(mainClass, List.of());
    }

    /**
     * {@code java [init options] [moreOptions] -cp CLASSPATH main}: another program of this class path in a JVM as
     * lean as the init's (step05's console, which idles for a container's life). Later options win over the
     * init's ({@code -Xmx}, say).
     */
    public static List<String> javaCommand(String main, List<String> moreOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.forInit(System.getProperty("java.class.path")));
        command.addAll(moreOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        return command;
    }

    private static java.nio.channels.SocketChannel acceptFrom(ServerSocketChannel server, Process init)
            throws IOException {
        try {
            return server.accept();
        } catch (ClosedChannelException e) {
            int status = Container.waitUninterruptibly(init);
            throw ContainerException.runtime("the container's init exited with status " + status
                    + " before it connected to jrocker (its error output is above)");
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException e) {
            // nothing more to do: accept() fails either way
        }
    }
}
