package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.Namespace;
import jrocker.step01.testing.Privileges;
import jrocker.step03.rootfs.BusyboxRootfs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code run -t} as it happens, minus the rest of the container: a thread enters a new mount namespace and
 * mounts a fresh devpts instance on its /dev/pts (as step04's MountDev does for a container, and invisible to
 * the host); the test opens the pty's master through {@code /proc/TID/root/dev/pts/ptmx}, from outside that
 * namespace, as jrocker does with the init's PID; then a program started from that thread, so inside the
 * namespace, attaches the slave with the real {@link AttachTerminal} stage and runs {@code tty}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainerDevptsTest {

    @Test
    void theContainersFirstPtyIsItsDevPts0AndTtyNamesIt() throws Exception {
        Privileges.requireRoot("mounts a devpts instance in a new mount namespace", Assumptions::abort);
        CompletableFuture<Long> insideThread = new CompletableFuture<>();
        CompletableFuture<List<String>> programToStart = new CompletableFuture<>();
        CompletableFuture<Process> program = new CompletableFuture<>();
        CountDownLatch testDone = new CountDownLatch(1);
        StartedProcesses processes = new StartedProcesses();
        Thread inside = new Thread(() -> {
            try {
                LinuxSyscalls syscalls = new LinuxSyscalls();
                syscalls.unshare(Namespace.MOUNT.cloneFlag());
                syscalls.mount(null, "/", null, MountFlags.MS_REC | MountFlags.MS_PRIVATE, null); // nothing reaches the host
                syscalls.mount("devpts", "/dev/pts", "devpts", MountFlags.MS_NOSUID | MountFlags.MS_NOEXEC,
                        "newinstance,ptmxmode=0666,mode=0620");
                insideThread.complete(threadId());
                // Started from this thread, the program is born in its mount namespace, like the init.
                program.complete(processes.start(new ProcessBuilder(programToStart.get())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)));
                testDone.await();
            } catch (Throwable e) {
                insideThread.completeExceptionally(e);
                program.completeExceptionally(e);
            }
        }, "test-container-namespace");
        inside.start();
        try {
            long tid = insideThread.get(20, TimeUnit.SECONDS);
            try (PtyMaster master = PtyMaster.openFirstInContainer(tid);
                 PtyMaster second = PtyMaster.open(PtyMaster.containerPtmx(tid))) {
                assertEquals(PtyMaster.FIRST_SLAVE, master.slavePath());
                assertEquals("/dev/pts/1", second.slavePath(), "the next pty of the same instance");
                assertTrue(Files.exists(PtyMaster.slaveBeside(PtyMaster.containerPtmx(tid), 0)), "slave 0 inside");
                master.resize(30, 90);

                programToStart.complete(attachAndRun(master.slavePath(), "sh", "-c", "tty; stty size"));
                Process started = program.get(20, TimeUnit.SECONDS);
                Transcript screen = new Transcript();
                int status = TerminalRelay.relay(master, null, screen, () -> waitFor(started));

                assertEquals(0, status, screen.text());
                assertEquals("/dev/pts/0\r\n30 90\r\n", screen.text());
            }
        } finally {
            programToStart.complete(List.of("true"));
            processes.close(); // the program, and its session (AttachTerminal made one)
            testDone.countDown();
            inside.join(20_000);
        }
    }

    /** The kernel's number of the calling thread: {@code /proc/thread-self} links to {@code PID/task/TID}. */
    private static long threadId() throws IOException {
        return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    private static List<String> attachAndRun(String slavePath, String... busyboxArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(slavePath, BusyboxRootfs.fromHost().busybox().toString()));
        arguments.addAll(List.of(busyboxArguments));
        return ChildJvm.command(AttachTerminalChild.class, arguments.toArray(String[]::new));
    }

    private static int waitFor(Process process) {
        return ChildJvm.waitFor(process, Duration.ofSeconds(20), "the program did not exit in time");
    }
}
