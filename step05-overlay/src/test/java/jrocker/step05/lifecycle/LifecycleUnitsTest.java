package jrocker.step05.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import jrocker.step01.linux.Namespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The small rules of the lifecycle: start times, signal names, durations, the monitor's command line. */
class LifecycleUnitsTest {

    @Test
    @Tag("process-start-time")
    void startTimeIsField22CountedFromTheLastParenthesis() {
        // A command name may hold spaces and ')': fields are counted after the last ')'.
        String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 2048 100";
        assertEquals(OptionalLong.of(987654), ProcessStartTime.parse(stat));
        assertEquals(OptionalLong.empty(), ProcessStartTime.parse(stat.replace(") S ", ") Z ")), "a zombie has exited");
    }

    @Test
    @Tag("process-start-time")
    void ourOwnProcessHasAStartTimeAndANonexistentOneHasNone() {
        assertTrue(ProcessStartTime.of(ProcessHandle.current().pid()).isPresent());
        assertEquals(OptionalLong.empty(), ProcessStartTime.of(Integer.MAX_VALUE));
    }

    @Test
    @Tag("signal-names")
    void everySignalNumberParsesBackFromItsName() {
        qt().forAll(integers().between(1, 31)).checkAssert(number -> {
            String name = Signals.name(number);
            assertEquals(number, Signals.parse(name));
            assertEquals(number, Signals.parse(name.substring(3).toLowerCase()));
            assertEquals(number, Signals.parse(Integer.toString(number)));
        });
    }

    @Test
    @Tag("signal-names")
    void unknownSignalsAreRefusedWithTheReason() {
        for (String bad : List.of("", "0", "32", "SIGNOPE", "-9", "9x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("unknown signal \"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void theMonitorCreatesTheNamespacesWithBusyboxUnshareAndAppendsTheInitArguments() {
        Set<Namespace> namespaces = EnumSet.allOf(Namespace.class);
        namespaces.remove(Namespace.CGROUP);
        assertEquals("--mount --uts --ipc --pid --net", UnderMonitor.unshareFlags(namespaces));
        assertThrows(IllegalArgumentException.class, () -> UnderMonitor.unshareFlags(EnumSet.of(Namespace.CGROUP)));

        UnderMonitor monitor = new UnderMonitor(new jrocker.step05.linux.RecordingLifecycleSyscalls(),
                java.nio.file.Path.of("/bin/busybox"), java.nio.file.Path.of("/data/containers/ID"),
                "ID", true, java.nio.file.Path.of("/data"));
        List<String> javaCommand = new jrocker.step01.container.ContainerLauncher(Object.class, monitor).javaCommand();
        List<String> command = monitor.monitorCommand(namespaces, javaCommand, java.nio.file.Path.of("/s"));
        assertEquals(List.of("/bin/busybox", "setsid", "/bin/busybox", "sh", "-c"), command.subList(0, 5));
        assertEquals(List.of("jrocker-monitor", "/data/containers/ID", "ID", "/s", "reap", "/bin/busybox",
                "--mount --uts --ipc --pid --net", "/data"), command.subList(6, 14));
        // then the java command of this step's program, to which the script appends "init SOCKET" or
        // "--data-root /data reap ID"
        assertTrue(command.get(14).endsWith("/bin/java"), command.toString());
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "java.lang.Object"),
                command.subList(command.size() - 3, command.size()));
    }

    /**
     * The monitor script itself, run by the host's busybox with no namespaces and a stand-in for java that
     * writes down its arguments: the init gets the class list option, the reap must not (it would overwrite
     * the init's list with its own classes).
     */
    @Test
    void theMonitorRecordsTheExitStatusAndReapsWithoutTheInitsClassList(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws Exception {
        java.nio.file.Path busybox = jrocker.step01.container.CommandLookup.onHost("busybox").orElse(null);
        assertTrue(busybox != null, "the monitor is a busybox shell: install busybox-static");
        java.nio.file.Path directory = java.nio.file.Files.createDirectories(temp.resolve("containers/ID"));
        java.nio.file.Path calls = temp.resolve("calls");
        java.nio.file.Path fakeJava = temp.resolve("java");
        java.nio.file.Files.writeString(fakeJava, "#!/bin/sh\necho \"$*\" >> " + calls + "\n[ \"$3\" = init ] && exit 3\nexit 0\n");
        java.nio.file.Files.setPosixFilePermissions(fakeJava, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        Process monitor = new ProcessBuilder(busybox.toString(), "sh", "-c", UnderMonitor.MONITOR_SCRIPT, "jrocker-monitor",
                directory.toString(), "ID", "/s", "reap", busybox.toString(), "", "/data", fakeJava.toString(),
                "-XX:DumpLoadedClassList=/cds/init-1-1.classlist", "Main").redirectErrorStream(true).start();
        String output = new String(monitor.getInputStream().readAllBytes());
        assertEquals(3, monitor.waitFor(), output);

        assertEquals("3\n", java.nio.file.Files.readString(directory.resolve("exit-status")));
        assertEquals(List.of("-XX:DumpLoadedClassList=/cds/init-1-1.classlist Main init /s", "Main --data-root /data reap ID"),
                java.nio.file.Files.readAllLines(calls));
    }
}
