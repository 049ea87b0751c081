package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DoctorCommandTest {

    /** A doctor whose checks are given, to test the verdict without depending on this machine. */
    static class GivenChecks extends DoctorCommand {
        private final List<HostCheck> checks;

        GivenChecks(HostCheck... checks) {
            this.checks = List.of(checks);
        }

        @Override
        protected List<HostCheck> checks() {
            return checks;
        }
    }

    private static String run(DoctorCommand doctor, int[] exit) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(doctor);
        commandLine.setOut(new PrintWriter(out));
        exit[0] = commandLine.execute();
        return out.toString();
    }

    @Test
    void readyWhenEverythingThisStepNeedsIsThere() {
        int[] exit = new int[1];
        String out = run(new GivenChecks(HostCheck.ok("root", "euid 0", 1),
                HostCheck.missing("busybox (static)", "no busybox in PATH", "sudo apt-get install busybox-static", 3)), exit);
        assertEquals(0, exit[0], out);
        assertTrue(out.contains("sudo apt-get install busybox-static (needed from step03)"), out);
        assertTrue(out.contains("Ready"), out);
    }

    @Test
    void notReadyWhenThisStepNeedsSomethingMissing() {
        int[] exit = new int[1];
        String out = run(new GivenChecks(HostCheck.missing("root", "euid 1000", "run jrocker with sudo", 1)), exit);
        assertEquals(1, exit[0], out);
        assertTrue(out.contains("MISSING"), out);
        assertTrue(out.contains("run jrocker with sudo"), out);
    }

    @Test
    void kernelVersionsCompareByNumberNotText() {
        assertTrue(DoctorCommand.isAtLeast("6.18.44-fc-v857", 4, 6));
        assertTrue(DoctorCommand.isAtLeast("4.10.0", 4, 6));
        assertFalse(DoctorCommand.isAtLeast("4.5.7", 4, 6));
        assertFalse(DoctorCommand.isAtLeast("3.99", 4, 6));
        assertFalse(DoctorCommand.isAtLeast("garbage", 4, 6));
    }

    @Test
    void thisMachineHasEveryNamespace() {
        for (var namespace : jrocker.step01.linux.Namespace.values()) {
            assertTrue(DoctorCommand.namespace(namespace).ok(), namespace.toString());
        }
    }
}
