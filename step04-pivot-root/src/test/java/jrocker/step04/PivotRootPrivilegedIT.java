package jrocker.step04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jrocker.step01.linux.MountTable;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step03.testing.BusyboxTar;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.testing.Breakout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers after pivot_root: what they see, what they cannot reach, and what the host keeps. */
class PivotRootPrivilegedIT {
    @TempDir
    static Path shared;
    static Path busyboxTar;
    private static final CliProcess JROCKER = new CliProcess(Main.class);

    @BeforeAll
    static void needsRootAndABusybox() throws IOException {
        Privileges.requireRoot("containers pivot_root into a busybox root file system", Assumptions::abort);
        busyboxTar = BusyboxTar.write(shared.resolve("busybox.tar"));
    }

    private static CliProcess.Result run(String... command) throws Exception {
        String[] args = new String[command.length + 3];
        args[0] = "run";
        args[1] = "--rootfs";
        args[2] = busyboxTar.toString();
        System.arraycopy(command, 0, args, 3, command.length);
        return JROCKER.env("JROCKER_DATA_ROOT", shared.resolve("data").toString()).run(args);
    }

    @Test
    void theMountTableHoldsOnlyTheContainersMounts() throws Exception {
        CliProcess.Result result = run("cut", "-d", " ", "-f", "5", "/proc/self/mountinfo");

        assertEquals(0, result.exitCode(), result.toString());
        List<String> mountPoints = result.stdout().lines().toList();
        assertEquals("/", mountPoints.get(0), result.toString());
        assertTrue(mountPoints.containsAll(List.of("/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/proc/sys")), result.toString());
        assertTrue(mountPoints.stream().noneMatch(point -> point.startsWith("/.old-root") || point.startsWith("/sys/fs/cgroup")
                || point.startsWith("/work") || point.startsWith("/tmp")), "nothing of the host's tree: " + result);
    }

    @Test
    void devicesWork() throws Exception {
        CliProcess.Result result = run("sh", "-c",
                "echo x > /dev/null && head -c 4 /dev/urandom | wc -c && ls -l /dev/null /dev/zero | cut -c1-10 && ls /dev/pts");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("4", "crw-rw-rw-", "crw-rw-rw-", "ptmx"), result.stdout().lines().map(String::strip).toList());
    }

    @Test
    void sysIsReadOnlyAndProcHidesTheHostsSecrets() throws Exception {
        CliProcess.Result result = run("sh", "-c",
                "touch /sys/x; echo 3 > /proc/sys/vm/drop_caches; wc -c < /proc/keys; ls /proc/acpi | wc -l");

        assertEquals(List.of("0", "0"), result.stdout().lines().map(String::strip).toList(), "masked paths read empty: " + result);
        assertEquals(2, result.stderr().lines().filter(line -> line.contains("Read-only file system")).count(), result.toString());
    }

    // tag::escape-fails[]
    @Test
    void theChrootEscapeNoLongerWorks(@TempDir Path rootfs, @TempDir Path hostDir) throws Exception {
        new TarUnpacker().unpack(busyboxTar, rootfs);
        Breakout.compile(rootfs.resolve("breakout"));
        Path secret = Files.writeString(hostDir.resolve("secret"), "the host's file\n");

        CliProcess.Result result = JROCKER.run("run", "--rootfs", rootfs.toString(), "/breakout", "/bin/cat", secret.toString());

        assertNotEquals(0, result.exitCode(), result.toString());
        assertFalse(result.stdout().contains("the host's file"), "after pivot_root there is nothing above / to climb to");
        assertTrue(result.stderr().contains("No such file or directory"), "it climbed only to the container's own /: " + result);
    }
    // end::escape-fails[]

    @Test
    void theHostsMountTableAndProcAreUnchangedAfterManyRuns() throws Exception {
        List<String> before = MountTable.current().mountPoints();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, run("true").exitCode());
        }
        assertEquals(before, MountTable.current().mountPoints());
        assertTrue(Files.readString(Path.of("/proc/self/status")).contains("Pid:"), "the host's /proc still works");
    }

    @Test
    void failuresSayWhat() throws Exception {
        CliProcess.Result missingCommand = run("bash");
        assertEquals(127, missingCommand.exitCode(), missingCommand.toString());

        CliProcess.Result missingRootfs = JROCKER.run("run", "--rootfs", "/no/such/dir", "sh");
        assertEquals(125, missingRootfs.exitCode(), missingRootfs.toString());
        assertTrue(missingRootfs.stderr().contains("/no/such/dir"), missingRootfs.toString());
    }

    @Test
    void aRootWithoutProcIsRefusedBeforeTheInitTriesToMountIt(@TempDir Path rootfs) throws Exception {
        Files.createDirectories(rootfs.resolve("bin"));
        CliProcess.Result noProc = JROCKER.run("run", "--rootfs", rootfs.toString(), "sh");
        assertEquals(125, noProc.exitCode(), noProc.toString());
        assertEquals(1, noProc.stderr().lines().count(), noProc.toString());
        assertTrue(noProc.stderr().contains("has no proc directory, where the container's /proc is mounted: make it (mkdir "
                + rootfs.toRealPath().resolve("proc") + ")"), noProc.toString());
    }
}
