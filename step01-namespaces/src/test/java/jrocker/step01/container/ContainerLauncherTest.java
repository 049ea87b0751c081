package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jrocker.step01.linux.Namespace;
import org.junit.jupiter.api.Test;

/** The two halves of a start and what a stop between them leaves; no root: the "init" is a sleep. */
class ContainerLauncherTest {

    /** An init that is {@code sleep 60}, started without namespaces, that remembers its socket. */
    static final class SleepingInit implements ContainerLauncher.InitStart {
        volatile Path socketPath;
        volatile Process process;

        @Override
        public Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath, ContainerLauncher.Stdio stdio)
                throws IOException {
            this.socketPath = socketPath;
            process = ContainerLauncher.processBuilder(List.of("sleep", "60"), stdio).start();
            return process;
        }
    }

    @Test
    void aStopBetweenBootAndPlanKillsTheInitAndRemovesTheControlSocket() throws IOException {
        SleepingInit sleeping = new SleepingInit();
        ContainerLauncher launcher = new ContainerLauncher(Object.class, sleeping);
        launcher.bootInit(Set.of(), ContainerLauncher.Stdio.inherit(false));
        assertTrue(Files.exists(sleeping.socketPath), "the init was started on a bound socket");

        launcher.killInit(10);

        assertFalse(sleeping.process.isAlive(), "the init is killed");
        assertFalse(Files.exists(sleeping.socketPath.getParent()), "the socket's directory is gone");
        ContainerException cancelled = assertThrows(ContainerException.class,
                () -> launcher.completeStart(new InitPlan(List.of(), List.of(), new InitPlan.Command(List.of("true"), List.of())),
                        ContainerLauncher.HostSetup.NOTHING));
        assertEquals("the container's start was cancelled", cancelled.getMessage());
    }

    @Test
    void anInitThatDiesBeforeItConnectsIsAClearError() throws IOException {
        ContainerLauncher launcher = new ContainerLauncher(Object.class,
                (namespaces, javaCommand, socketPath, stdio) -> ContainerLauncher.processBuilder(List.of("sh", "-c", "exit 3"), stdio).start());
        launcher.bootInit(Set.of(), ContainerLauncher.Stdio.inherit(false));
        ContainerException failure = assertThrows(ContainerException.class,
                () -> launcher.completeStart(new InitPlan(List.of(), List.of(), new InitPlan.Command(List.of("true"), List.of())),
                        ContainerLauncher.HostSetup.NOTHING));
        assertTrue(failure.getMessage().startsWith("the container's init exited with status 3 before it connected"),
                failure.getMessage());
    }
}
