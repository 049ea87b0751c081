package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import jrocker.step01.linux.Namespace;
import org.junit.jupiter.api.Test;

/** What every step's run shares: the host plan is done in order and undone last first, however the start ends; no root needed. */
class ContainerRunTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A host stage that writes down what happens to it. */
    private HostStage stage(String name, boolean failWhileInitBoots) {
        return new HostStage() {
            @Override
            public void whileInitBoots() throws IOException {
                events.add(name + " while the init boots");
                if (failWhileInitBoots) {
                    throw new IOException(name + " failed");
                }
            }

            @Override
            public void undo() {
                events.add(name + " undone");
            }
        };
    }

    /** A launcher whose "init" is {@code command}, started without namespaces. */
    private static ContainerLauncher launcherOf(List<Process> started, String... command) {
        return new ContainerLauncher(Object.class, (namespaces, javaCommand, socketPath, stdio) -> {
            Process process = ContainerLauncher.processBuilder(List.of(command), stdio).start();
            started.add(process);
            return process;
        });
    }

    private static final ContainerRun.InitPlanSource PLAN =
            () -> new InitPlan(List.of(), List.of(), new InitPlan.Command(List.of("true"), List.of()));

    @Test
    void aStartThatFailsUndoesEveryHostStageLastFirst() {
        List<Process> started = new ArrayList<>();
        ContainerRun run = new ContainerRun(launcherOf(started, "sh", "-c", "exit 3"), EnumSet.noneOf(Namespace.class),
                () -> ContainerLauncher.Stdio.inherit(false), List.of(stage("cgroup", false), stage("rootfs", false)));

        ContainerException failure = assertThrows(ContainerException.class, () -> run.run(PLAN, Container::waitFor));

        assertTrue(failure.getMessage().startsWith("the container's init exited with status 3"), failure.getMessage());
        assertEquals(List.of("cgroup while the init boots", "rootfs while the init boots", "rootfs undone", "cgroup undone"),
                events);
    }

    @Test
    void aHostStageThatFailsStopsTheStartKillsTheInitAndEveryStageIsUndone() {
        List<Process> started = new ArrayList<>();
        ContainerRun run = new ContainerRun(launcherOf(started, "sleep", "60"), EnumSet.noneOf(Namespace.class),
                () -> ContainerLauncher.Stdio.inherit(false), List.of(stage("unpack", true), stage("record", false)));

        IOException failure = assertThrows(IOException.class, () -> run.run(PLAN, Container::waitFor));

        assertEquals("unpack failed", failure.getMessage());
        assertEquals(List.of("unpack while the init boots", "record undone", "unpack undone"), events,
                "a stage that never ran is undone too: it undoes only what it made");
        assertFalse(started.get(0).isAlive(), "the init is killed");
    }
}
