package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.linux.MountTable;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step03.rootfs.BusyboxRootfs;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mount points as runc makes them, for real: an image with nothing but /bin/busybox runs, a volume goes where
 * the image has nothing, through the image's symlinks and never outside its root, and the image's layers
 * never change; a volume on the kernel's file systems is refused before anything is made.
 */
class MountPointsPrivilegedIT {
    @TempDir
    Path dataRoot;
    CliProcess jrocker;

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("containers mount overlayfs and pivot_root into it", Assumptions::abort);
    }

    @BeforeEach
    void privateDataRoot() {
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString());
    }

    /** An image of one file, /bin/busybox (no /proc, /sys, /dev, /etc), plus the symlinks given (name, target). */
    private void importBareImage(String name, String... symlinks) throws Exception {
        Path busybox = BusyboxRootfs.fromHost().busybox();
        Path tar = dataRoot.resolve(name + ".tar");
        try (TarWriter out = new TarWriter(Files.newOutputStream(tar)); InputStream content = Files.newInputStream(busybox)) {
            out.write(TarEntry.file("bin/busybox", 0755, Files.size(busybox)), content);
            for (int i = 0; i < symlinks.length; i += 2) {
                out.write(TarEntry.symlink(symlinks[i], symlinks[i + 1]));
            }
        }
        CliProcess.Result imported = jrocker.run("import", tar.toString(), name);
        assertEquals(0, imported.exitCode(), imported.toString());
    }

    /** Every path in every layer: what must never change. */
    private List<String> layerFiles() throws IOException {
        Path layers = dataRoot.resolve("layers");
        try (Stream<Path> walk = Files.walk(layers)) {
            return walk.map(path -> layers.relativize(path).toString()).sorted().toList();
        }
    }

    private Path onlyContainer() throws IOException {
        try (Stream<Path> list = Files.list(dataRoot.resolve("containers"))) {
            List<Path> containers = list.toList();
            assertEquals(1, containers.size(), containers.toString());
            return containers.get(0);
        }
    }

    @Test
    void anImageWithoutProcSysOrDevRunsAndItsLayerIsUnchanged() throws Exception {
        importBareImage("bare");
        List<String> before = layerFiles();

        CliProcess.Result result = jrocker.run("run", "bare", "busybox", "true");
        CliProcess.Result mounted = jrocker.run("run", "--rm", "bare", "busybox", "sh", "-c",
                "busybox test -e /proc/self/status && busybox test -d /sys/kernel && busybox test -c /dev/null && echo ok");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr(), result.toString());
        assertEquals("ok\n", mounted.stdout(), "/proc, /sys and /dev are mounted: " + mounted);
        Path upper = onlyContainer().resolve("upper");
        for (String mountPoint : List.of("proc", "sys", "dev")) {
            assertTrue(Files.isDirectory(upper.resolve(mountPoint), LinkOption.NOFOLLOW_LINKS), "made in the container's layer: " + mountPoint);
            assertEquals(0755, (Integer) Files.getAttribute(upper.resolve(mountPoint), "unix:mode") & 07777, mountPoint);
        }
        assertEquals(before, layerFiles(), "the image's layer never changes");
    }

    @Test
    void aVolumeTargetTheImageLacksIsMadeInTheContainersLayer(@TempDir Path host) throws Exception {
        importBareImage("bare");
        List<String> before = layerFiles();
        Files.writeString(host.resolve("seen"), "from the host\n");
        Path file = Files.writeString(host.resolve("a-file"), "one file\n");

        CliProcess.Result result = jrocker.run("run", "-v", host + ":/srv/deep/data:ro", "-v", file + ":/etc/single",
                "bare", "busybox", "cat", "/srv/deep/data/seen", "/etc/single");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("from the host\none file\n", result.stdout(), result.toString());
        Path upper = onlyContainer().resolve("upper");
        assertTrue(Files.isDirectory(upper.resolve("srv/deep/data")), "the directory mount point");
        assertTrue(Files.isRegularFile(upper.resolve("etc/single")), "the file mount point");
        assertEquals(0, Files.size(upper.resolve("etc/single")), "empty: the host's file was mounted over it, not copied");
        assertEquals(before, layerFiles(), "the image's layer never changes");
    }

    @Test
    void aSymlinkedTargetThatPointsOutsideResolvesInsideTheRoot(@TempDir Path host, @TempDir Path elsewhere) throws Exception {
        Path outside = elsewhere.resolve("must-not-appear");
        importBareImage("linked", "escape", outside.toString(), "climb", "../../../../../../climbed");
        Files.writeString(host.resolve("seen"), "v\n");

        CliProcess.Result absolute = jrocker.run("run", "--rm", "-v", host + ":/escape", "linked",
                "busybox", "cat", outside + "/seen");
        CliProcess.Result relative = jrocker.run("run", "--rm", "-v", host + ":/climb", "linked",
                "busybox", "cat", "/climbed/seen");

        assertEquals("v\n", absolute.stdout(), "the volume is where the symlink points inside the container: " + absolute);
        assertEquals("v\n", relative.stdout(), "\"..\" stops at the container's root: " + relative);
        assertFalse(Files.exists(outside), "nothing was made on the host");
        assertFalse(Files.exists(Path.of("/climbed")), "nothing was made on the host");
    }

    @Test
    void aVolumeWhoseHostDirectoryCannotBeMadeIsOneLineAndLeavesNoContainer(@TempDir Path host) throws Exception {
        Path file = Files.writeString(host.resolve("a-file"), "x");
        assertEquals(0, jrocker.run("run", "--rm", "busybox", "true").exitCode(), "the busybox image is there (and says so once)");

        CliProcess.Result result = jrocker.run("run", "-v", file + "/below:/data", "busybox", "true");

        assertEquals(125, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jrocker: cannot make the volume's host directory " + file + "/below: "), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.toString());
        try (Stream<Path> containers = Files.list(dataRoot.resolve("containers"))) {
            assertEquals(List.of(), containers.toList(), "the container that never started is gone");
        }
    }

    @Test
    void volumesOnTheKernelsFileSystemsAreRefusedAndLeaveNothing(@TempDir Path host) throws Exception {
        List<String> mountsBefore = MountTable.current().mountPoints();
        for (String target : List.of("/proc", "/proc/sys", "/dev", "/sys", "/dev/shm")) {
            Path volume = host.resolve("volume");

            CliProcess.Result result = jrocker.run("run", "--rm", "-v", volume + ":" + target, "busybox", "true");

            assertEquals(125, result.exitCode(), result.toString());
            assertEquals("jrocker: invalid volume \"" + volume + ":" + target + "\": the container's /" + target.split("/")[1]
                    + " is a kernel file system, mounted after the volumes and over them; choose a path outside /proc, /sys and /dev\n",
                    result.stderr());
            assertFalse(Files.exists(volume), "the host directory was not made");
        }
        assertFalse(Files.exists(dataRoot.resolve("containers")) && Files.list(dataRoot.resolve("containers")).findAny().isPresent(),
                "no container was made");
        assertEquals(mountsBefore, MountTable.current().mountPoints(), "no mount left behind");
    }
}
