package jrocker.step03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step03.testing.BusyboxTar;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.testing.Breakout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real containers in a busybox root file system, with chroot; and the escape that chroot allows. */
class RootfsPrivilegedIT {
    @TempDir
    static Path shared;
    static Path busyboxTar;

    @TempDir
    Path dataRoot;
    CliProcess jrocker;

    @BeforeAll
    static void needsRootAndABusybox() throws IOException {
        Privileges.requireRoot("containers chroot into a busybox root file system", Assumptions::abort);
        busyboxTar = BusyboxTar.write(shared.resolve("busybox.tar"));
    }

    @BeforeEach
    void privateDataRoot() {
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString());
    }

    @AfterEach
    void nothingIsLeftInTheDataRoot() throws IOException {
        Path containers = dataRoot.resolve("containers");
        if (Files.exists(containers)) {
            try (Stream<Path> left = Files.list(containers)) {
                assertEquals(List.of(), left.toList(), "a container's directory lives only as long as its run");
            }
        }
    }

    @Test
    void rootfsBusyboxWritesTheTarThatRunUses() throws Exception {
        Path tar = dataRoot.resolve("made-by-cli.tar");
        CliProcess.Result made = jrocker.run("rootfs", "busybox", "-o", tar.toString());
        assertEquals(0, made.exitCode(), made.toString());
        assertTrue(made.stdout().startsWith("wrote " + tar + ": busybox from "), made.toString());

        CliProcess.Result result = jrocker.run("run", "--rootfs", tar.toString(), "--hostname", "bb", "sh", "-c",
                "ls /; ps -o pid,comm; cat /etc/passwd");

        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.stdout().lines().map(String::strip).toList();
        assertEquals(List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"), lines.subList(0, 10),
                "the busybox tree, not the host's: " + result);
        // ps shows its header, the shell as PID 1, and itself: only the container's processes.
        assertEquals(List.of("PID COMMAND", "1 sh"), List.of(lines.get(10).replaceAll("\\s+", " "),
                lines.get(11).replaceAll("\\s+", " ")), result.toString());
        assertTrue(lines.get(12).matches("\\d+ ps"), result.toString());
        assertTrue(lines.contains("root:x:0:0:root:/root:/bin/sh"), result.toString());
    }

    @Test
    void theHostsFilesAreNotReachableByOrdinaryPaths(@TempDir Path hostDir) throws Exception {
        Files.writeString(hostDir.resolve("secret"), "host only\n");

        CliProcess.Result result = jrocker.run("run", "--rootfs", busyboxTar.toString(), "cat", hostDir.resolve("secret").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("No such file or directory"), result.toString());
    }

    @Test
    void aDirectoryRootfsIsUsedInPlaceAndKeepsWhatTheContainerWrote(@TempDir Path rootfs) throws Exception {
        new TarUnpacker().unpack(busyboxTar, rootfs);

        CliProcess.Result result = jrocker.run("run", "--rootfs", rootfs.toString(), "sh", "-c", "echo kept > /root/note");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("kept\n", Files.readString(rootfs.resolve("root/note")));
    }

    @Test
    void aTruncatedTarIsOneLineExit125AndLeavesNothing() throws Exception {
        byte[] whole = Files.readAllBytes(busyboxTar);
        Path broken = dataRoot.resolve("broken.tar");
        Files.write(broken, java.util.Arrays.copyOf(whole, 100_000));

        CliProcess.Result result = jrocker.run("run", "--rootfs", broken.toString(), "true");

        assertEquals(125, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.toString());
        assertTrue(result.stderr().startsWith("jrocker: cannot unpack " + broken + ": "), result.toString());
    }

    /** The init mounts proc on /proc: a root without that directory is refused before, saying what to do. */
    @Test
    void aRootfsWithoutAProcDirectoryIsOneLineExit125SayingWhatToDo(@TempDir Path rootfs) throws Exception {
        new TarUnpacker().unpack(busyboxTar, rootfs);
        Files.delete(rootfs.resolve("proc"));

        CliProcess.Result directory = jrocker.run("run", "--rootfs", rootfs.toString(), "true");
        assertEquals(125, directory.exitCode(), directory.toString());
        assertEquals("jrocker: the root file system " + rootfs.toRealPath() + " has no proc directory, where the container's"
                + " /proc is mounted: make it (mkdir " + rootfs.toRealPath().resolve("proc") + "), or use a whole root"
                + " file system (`jrocker rootfs busybox -o busybox.tar` makes one)\n", directory.stderr());
        assertFalse(Files.exists(rootfs.resolve("proc")), "your directory is left as it was");

        Path tar = dataRoot.resolve("no-proc.tar");
        Process packing = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", rootfs.toString(), ".").inheritIO().start();
        assertEquals(0, packing.waitFor());
        CliProcess.Result unpacked = jrocker.run("run", "--rootfs", tar.toString(), "true");
        assertEquals(125, unpacked.exitCode(), unpacked.toString());
        assertEquals(1, unpacked.stderr().lines().count(), unpacked.toString());
        assertTrue(unpacked.stderr().contains("has no proc directory, where the container's /proc is mounted: the tar "
                + tar + " has none: add a proc directory to it, or use"), unpacked.toString());
        // and its unpacked copy is gone: nothingIsLeftInTheDataRoot
    }

    @Test
    void aRootfsThatDoesNotExistIsNamed() throws Exception {
        CliProcess.Result result = jrocker.run("run", "--rootfs", "/no/such/rootfs", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jrocker: --rootfs /no/such/rootfs does not exist"), result.toString());
    }

    @Test
    void aCommandMissingFromTheRootfsIs127() throws Exception {
        CliProcess.Result result = jrocker.run("run", "--rootfs", busyboxTar.toString(), "bash");
        assertEquals(127, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("\"bash\": executable file not found"), result.toString());
    }

    // tag::escape-test[]
    @Test
    void aRootProcessEscapesTheChroot(@TempDir Path rootfs, @TempDir Path hostDir) throws Exception {
        new TarUnpacker().unpack(busyboxTar, rootfs);
        Breakout.compile(rootfs.resolve("breakout"));
        Path secret = Files.writeString(hostDir.resolve("secret"), "the host's file\n");

        CliProcess.Result result = jrocker.run("run", "--rootfs", rootfs.toString(), "/breakout", "/bin/cat", secret.toString());

        assertEquals("the host's file\n", result.stdout(), "chroot does not hold a root process: " + result);
    }
    // end::escape-test[]
}
