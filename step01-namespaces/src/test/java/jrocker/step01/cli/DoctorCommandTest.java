package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DoctorCommandTest {

    /** step01's doctor with the given checks, to test the verdict without depending on this machine. */
    private static String run(int[] exit, HostCheck... checks) {
        List<DoctorCheck> given = new ArrayList<>();
        for (HostCheck check : checks) {
            given.add(() -> check);
        }
        Step<?> step = new Step<>(1, "step01-namespaces", Main.class, Main.STEP.syscalls(), JrockerCommand.class, given);
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new DoctorCommand(step));
        commandLine.setOut(new PrintWriter(out));
        exit[0] = commandLine.execute();
        return out.toString();
    }

    @Test
    void readyWhenEverythingThisStepNeedsIsThere() {
        int[] exit = new int[1];
        String out = run(exit, HostCheck.ok("root", "euid 0", 1),
                HostCheck.missing("busybox (static)", "no busybox in PATH", "sudo apt-get install busybox-static", 3));
        assertEquals(0, exit[0], out);
        assertTrue(out.contains("sudo apt-get install busybox-static (needed from step03)"), out);
        assertTrue(out.contains("Ready"), out);
    }

    @Test
    void notReadyWhenThisStepNeedsSomethingMissing() {
        int[] exit = new int[1];
        String out = run(exit, HostCheck.missing("root", "euid 1000", "run jrocker with sudo", 1));
        assertEquals(1, exit[0], out);
        assertTrue(out.contains("MISSING"), out);
        assertTrue(out.contains("run jrocker with sudo"), out);
    }

    @Test
    void kernelVersionsCompareByNumberNotText() {
        assertTrue(HostChecks.isAtLeast("6.18.44-fc-v857", 4, 6));
        assertTrue(HostChecks.isAtLeast("4.10.0", 4, 6));
        assertFalse(HostChecks.isAtLeast("4.5.7", 4, 6));
        assertFalse(HostChecks.isAtLeast("3.99", 4, 6));
        assertFalse(HostChecks.isAtLeast("garbage", 4, 6));
    }

    @Test
    void thisMachineHasEveryNamespace() {
        for (var namespace : jrocker.step01.linux.Namespace.values()) {
            assertTrue(HostChecks.namespace(namespace).ok(), namespace.toString());
        }
    }

    @Test
    void step01ChecksEverythingInTheOrderItPrintsIt() {
        List<String> names = new ArrayList<>();
        for (DoctorCheck check : HostChecks.STEP01) {
            names.add(check.check().name());
        }
        assertEquals(List.of("root", "kernel", "namespace mnt", "namespace uts", "namespace ipc", "namespace pid",
                "namespace net", "namespace cgroup", "cgroup layout", "overlayfs", "busybox (static)"), names);
    }
}
