package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jrocker.step01.linux.MountTable;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.tar.TarWriter;
import jrocker.step03.testing.BusyboxTar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers from images, on overlayfs, for real: copy-on-write, the default busybox image, cleanup. */
class OverlayPrivilegedIT {
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

    private List<Path> containers() throws IOException {
        Path containers = dataRoot.resolve("containers");
        if (!Files.exists(containers)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(containers)) {
            return list.toList();
        }
    }

    @Test
    void busyboxWorksOnAFreshMachineAndIsBuiltOnce() throws Exception {
        CliProcess.Result first = jrocker.run("run", "--rm", "busybox", "sh", "-c", "echo hello from $(hostname)");
        CliProcess.Result second = jrocker.run("run", "--rm", "busybox", "echo", "again");

        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.stdout().startsWith("hello from "), first.toString());
        assertTrue(first.stderr().startsWith("jrocker: no busybox image yet: building one from "), first.toString());
        assertEquals("again\n", second.stdout(), second.toString());
        assertEquals("", second.stderr(), "the image is built only once: " + second);
    }

    // tag::copy-on-write[]
    @Test
    void writesGoToTheContainersOwnLayerNeverToTheImage() throws Exception {
        CliProcess.Result changed = jrocker.run("run", "busybox", "sh", "-c",
                "echo mine > /etc/note; rm /bin/vi; cat /etc/note; ls /bin/vi 2>&1; true");
        CliProcess.Result fresh = jrocker.run("run", "--rm", "busybox", "sh", "-c", "cat /etc/note 2>&1; ls /bin/vi");

        assertEquals(0, changed.exitCode(), changed.toString());
        assertTrue(changed.stdout().startsWith("mine\n"), changed.toString());
        assertTrue(changed.stdout().contains("No such file"), "vi is gone in this container: " + changed);
        assertTrue(fresh.stdout().contains("No such file"), "another container does not see the note: " + fresh);
        assertTrue(fresh.stdout().contains("/bin/vi"), "nor the deletion: " + fresh);

        Path container = containers().get(0);
        assertEquals("mine\n", Files.readString(container.resolve("upper/etc/note")), "the write went to upper");
        assertTrue(Files.exists(container.resolve("upper/bin/vi"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "the deletion is a whiteout in upper");
        try (Stream<Path> layers = Files.list(dataRoot.resolve("layers"))) {
            for (Path layer : layers.toList()) {
                assertFalse(Files.exists(layer.resolve("etc/note")), "the image's layer never changes");
                assertTrue(Files.exists(layer.resolve("bin/vi"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            }
        }
    }
    // end::copy-on-write[]

    @Test
    void aContainerKeepsItsLayerUnlessRm() throws Exception {
        assertEquals(0, jrocker.run("run", "busybox", "touch", "/kept").exitCode());
        List<Path> kept = containers();
        assertEquals(1, kept.size());
        assertTrue(Files.exists(kept.get(0).resolve("upper/kept")));
        assertTrue(Files.readString(kept.get(0).resolve("image")).startsWith("sha256:"));

        assertEquals(0, jrocker.run("run", "--rm", "busybox", "touch", "/gone").exitCode());
        assertEquals(kept, containers(), "--rm removed only its own container");
    }

    @Test
    void theOverlayIsMountedOnlyInsideTheContainer() throws Exception {
        CliProcess.Result result = jrocker.run("run", "--rm", "busybox", "sh", "-c", "grep -c ' / / .* - overlay ' /proc/self/mountinfo");

        assertEquals("1\n", result.stdout(), "the container's root is the overlay: " + result);
        assertTrue(MountTable.current().ofType("overlay").stream().noneMatch(mount -> mount.mountPoint().contains(dataRoot.toString())),
                "the host never sees it");
    }

    // tag::commit-round-trip[]
    @Test
    void aCommittedContainerIsAnImageWithItsChanges() throws Exception {
        assertEquals(0, jrocker.run("run", "busybox", "sh", "-c", "echo committed > /etc/note; rm /bin/vi").exitCode());
        String container = containers().get(0).getFileName().toString();

        CliProcess.Result commit = jrocker.run("commit", container.substring(0, 12), "mine:v1");
        CliProcess.Result seen = jrocker.run("run", "--rm", "mine:v1", "sh", "-c", "cat /etc/note; ls /bin/vi 2>&1; true");

        assertEquals(0, commit.exitCode(), commit.toString());
        assertTrue(commit.stdout().matches("sha256:[0-9a-f]{64}\n"), commit.toString());
        assertEquals("committed\nls: /bin/vi: No such file or directory\n", seen.stdout(),
                "the new file and the deletion (a whiteout, turned into .wh.vi and back) are in the image: " + seen);
        assertTrue(jrocker.run("images").stdout().contains("mine "), "listed by images");
    }
    // end::commit-round-trip[]

    @Test
    void exportWritesTheFlattenedFileSystem() throws Exception {
        assertEquals(0, jrocker.run("run", "busybox", "sh", "-c", "echo exported > /etc/note; rm /bin/vi").exitCode());
        String container = containers().get(0).getFileName().toString();
        Path tar = dataRoot.resolve("export.tar");

        CliProcess.Result export = jrocker.run("export", container.substring(0, 8), "-o", tar.toString());

        assertEquals(0, export.exitCode(), export.toString());
        List<String> names = TarReader.list(tar).stream().map(entry -> entry.name()).toList();
        assertTrue(names.contains("etc/note") && names.contains("bin/sh") && names.contains("bin/busybox"), names.toString());
        assertFalse(names.contains("bin/vi"), "the deletion is applied, not archived as a whiteout");
        assertTrue(names.stream().noneMatch(name -> name.contains(".wh.")), names.toString());
        assertTrue(MountTable.current().ofType("overlay").isEmpty() || MountTable.current().ofType("overlay").stream()
                .noneMatch(mount -> mount.mountPoint().startsWith(dataRoot.toString())), "no mount left on the host");
        try (Stream<Path> tmp = Files.list(dataRoot.resolve("tmp"))) {
            assertEquals(List.of(), tmp.toList(), "nothing left in the store's tmp");
        }
    }

    @Test
    void volumesOutliveTheContainerAndCanBeReadOnly(@TempDir Path host) throws Exception {
        Path volume = host.resolve("created-by-jrocker");

        CliProcess.Result written = jrocker.run("run", "--rm", "-v", volume + ":/data", "busybox", "sh", "-c", "echo kept > /data/file");
        CliProcess.Result readOnly = jrocker.run("run", "--rm", "-v", volume + ":/data:ro", "busybox", "sh", "-c",
                "cat /data/file; echo x > /data/other");

        assertEquals(0, written.exitCode(), written.toString());
        assertEquals("kept\n", Files.readString(volume.resolve("file")), "the host directory was created and kept the file");
        assertEquals("kept\n", readOnly.stdout(), readOnly.toString());
        assertTrue(readOnly.stderr().contains("Read-only file system"), readOnly.toString());
        assertFalse(Files.exists(volume.resolve("other")));
        assertEquals(List.of(), containers(), "--rm removed the containers, not the volume");
    }

    @Test
    void aVolumePathIsResolvedInsideTheContainerNotOnTheHost(@TempDir Path host) throws Exception {
        // An image whose /link points to /etc: the volume must land on the container's /etc.
        assertEquals(0, jrocker.run("run", "busybox", "ln", "-s", "/etc", "/link").exitCode());
        String container = containers().get(0).getFileName().toString();
        assertEquals(0, jrocker.run("commit", container, "linked:1").exitCode());
        Files.writeString(host.resolve("from-the-volume"), "v\n");

        CliProcess.Result result = jrocker.run("run", "--rm", "-v", host + ":/link", "linked:1", "cat", "/etc/from-the-volume");

        assertEquals("v\n", result.stdout(), "followed /link to the container's /etc: " + result);
    }

    @Test
    void badVolumesAndUnknownContainersAreOneLineErrors() throws Exception {
        CliProcess.Result volume = jrocker.run("run", "--rm", "-v", "relative:/data", "busybox", "true");
        CliProcess.Result commit = jrocker.run("commit", "0123456789ab", "x:y");

        assertEquals(125, volume.exitCode(), volume.toString());
        assertEquals("jrocker: invalid volume \"relative:/data\": both paths must be absolute\n", volume.stderr());
        assertEquals(1, commit.exitCode(), commit.toString());
        assertEquals("jrocker: no such container: 0123456789ab\n", commit.stderr());
    }

    /**
     * File names are bytes, in any locale: with the C locale (what no locale at all amounts to), a layer with
     * a UTF-8 name and a Latin-1 one (caf\xe9, not UTF-8) is imported, a running container sees both and adds
     * a Latin-1 name of its own, and export and commit write every one of them back byte for byte.
     */
    @Test
    void fileNamesAreBytesThroughImportARunningContainerExportAndCommit() throws Exception {
        jrocker.env("LC_ALL", "C");
        String latin1 = "etc/caf\udce9.txt"; // the bytes e t c / c a f 0xe9 . t x t
        String utf8 = "etc/unicod\u00e9-\u0444\u0430\u0439\u043b-\u540d.txt";
        Path tar = dataRoot.resolve("names.tar");
        try (TarReader busybox = TarReader.open(BusyboxTar.write(dataRoot.resolve("busybox.tar")));
             TarWriter out = new TarWriter(Files.newOutputStream(tar))) {
            for (TarEntry entry = busybox.next(); entry != null; entry = busybox.next()) {
                out.write(entry, busybox.content());
            }
            out.write(TarEntry.file(latin1, 0644, 6), "latin1".getBytes(StandardCharsets.US_ASCII));
            out.write(TarEntry.file(utf8, 0644, 4), "utf8".getBytes(StandardCharsets.US_ASCII));
        }
        CliProcess.Result imported = jrocker.run("import", tar.toString(), "names");
        assertEquals(0, imported.exitCode(), imported.toString());

        CliProcess.Result started = jrocker.run("run", "-d", "--name", "names", "names", "sh", "-c",
                "cat \"$(printf '/etc/caf\\351.txt')\" > \"$(printf '/etc/new\\351')\" && sleep 60");
        assertEquals(0, started.exitCode(), started.toString());
        try {
            Path exported = dataRoot.resolve("export.tar");
            CliProcess.Result export = null;
            for (int attempt = 0; attempt < 50; attempt++) { // until the container has written its file
                export = jrocker.run("export", "names", "-o", exported.toString());
                if (export.exitCode() == 0 && namesIn(exported).contains("etc/new\udce9")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(0, export.exitCode(), export.toString());
            List<String> names = namesIn(exported);
            assertTrue(names.containsAll(List.of(latin1, utf8, "etc/new\udce9")), "exported by their bytes: " + names);

            CliProcess.Result commit = jrocker.run("commit", "names", "names:committed");
            assertEquals(0, commit.exitCode(), commit.toString());
            CliProcess.Result seen = jrocker.run("run", "--rm", "names:committed", "sh", "-c",
                    "cat \"$(printf '/etc/new\\351')\" \"$(printf '/etc/unicod\\303\\251-\\321\\204\\320\\260\\320\\271\\320\\273-\\345\\220\\215.txt')\"");
            assertEquals("latin1utf8", seen.stdout(), "the committed layer has the container's Latin-1 name: " + seen);
        } finally {
            jrocker.run("rm", "-f", "names");
        }
    }

    private static List<String> namesIn(Path tar) throws IOException {
        return TarReader.list(tar).stream().map(TarEntry::name).toList();
    }

    @Test
    void anUnknownImageIsAOneLineError() throws Exception {
        CliProcess.Result result = jrocker.run("run", "--pull=never", "no-such-image", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertEquals("jrocker: no such image: no-such-image (`jrocker images` lists them; `jrocker pull`, `jrocker load` or"
                + " `jrocker import` adds one)\n",
                result.stderr());
        assertEquals(List.of(), containers(), "no container directory for a container that never was");
    }
}
