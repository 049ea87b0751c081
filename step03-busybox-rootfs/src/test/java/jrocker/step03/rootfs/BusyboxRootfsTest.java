package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.linux.ElfFile;
import jrocker.step01.testing.Privileges;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.Tars;
import jrocker.step03.testing.TarArchive.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root filesystem made from the host's static busybox: what docker export of busybox gives. */
class BusyboxRootfsTest {
    @TempDir
    Path temp;
    private BusyboxRootfs rootfs;

    @BeforeEach
    void findBusybox() throws IOException {
        Path busybox = CommandLookup.onHost("busybox").orElse(null);
        Assumptions.assumeTrue(busybox != null && ElfFile.isStaticExecutable(busybox),
                "needs a static busybox: sudo apt-get install busybox-static");
        rootfs = BusyboxRootfs.fromHost();
    }

    @AfterEach
    void deleteRootfs() throws IOException {
        RootfsDirectory.deleteRecursively(temp.resolve("rootfs"));
    }

    private byte[] tar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rootfs.writeTar(out);
        return out.toByteArray();
    }

    @Test
    void theTarHoldsBusyboxItsAppletLinksTheDirectoriesAndTheUserFiles() throws IOException {
        List<Member> members = Tars.read(tar());
        Map<String, TarEntry> byName = members.stream().map(Member::entry)
                .collect(Collectors.toMap(TarEntry::name, entry -> entry));
        assertEquals(rootfs.entries(), members.stream().map(Member::entry).toList(), "entries() is what is written");

        TarEntry busybox = byName.get("bin/busybox");
        assertEquals(TarEntry.Type.FILE, busybox.type());
        assertEquals(0755, busybox.mode());
        assertArrayEquals(Files.readAllBytes(rootfs.busybox()), members.stream()
                .filter(m -> m.entry().name().equals("bin/busybox")).findFirst().orElseThrow().content());

        assertEquals(TarEntry.symlink("bin/sh", "busybox").withMtime(busybox.mtime()), byName.get("bin/sh"));
        assertTrue(rootfs.applets().size() > 100, rootfs.applets().size() + " applets");
        for (String applet : rootfs.applets()) {
            TarEntry link = byName.get("bin/" + applet);
            assertEquals(TarEntry.Type.SYMLINK, link.type(), applet);
            assertEquals("busybox", link.linkName(), "a relative link: " + applet);
        }
        for (String directory : List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var")) {
            assertEquals(TarEntry.Type.DIRECTORY, byName.get(directory).type(), directory);
        }
        assertEquals(01777, byName.get("tmp").mode());
        assertEquals(0700, byName.get("root").mode());

        Map<String, String> contents = Tars.contentsByName(members);
        assertTrue(contents.get("etc/passwd").startsWith("root:x:0:0:root:/root:/bin/sh\n"), contents.get("etc/passwd"));
        assertTrue(contents.get("etc/passwd").contains("nobody:x:65534:65534:"));
        assertTrue(contents.get("etc/group").startsWith("root:x:0:\n"));
        assertTrue(contents.get("etc/group").contains("nogroup:x:65534:"));

        Instant binaryMtime = Instant.ofEpochSecond(Files.getLastModifiedTime(rootfs.busybox()).toInstant().getEpochSecond());
        for (Member member : members) {
            assertEquals(0, member.entry().uid() + member.entry().gid(), member.entry().name() + " is root's");
            assertEquals(binaryMtime, member.entry().mtime(), member.entry().name() + " has busybox's mtime");
        }
    }

    @Test
    void theTarIsTheSameEveryTime() throws IOException {
        assertArrayEquals(tar(), tar());
        assertArrayEquals(tar(), bytesOf(BusyboxRootfs.fromBinary(rootfs.busybox())));
    }

    @Test
    void unpackedShIsALinkToBusyboxInsideTheTargetAndRuns() throws Exception {
        Path target = temp.resolve("rootfs");
        UnpackSummary summary = rootfs.unpackFresh(target);
        assertEquals(rootfs.entries().size(), summary.entries());
        assertEquals(List.of(), summary.skipped());
        assertEquals("busybox", Files.readSymbolicLink(target.resolve("bin/sh")).toString());
        assertEquals(target.resolve("bin/busybox").toRealPath(), target.resolve("bin/sh").toRealPath());
        assertEquals(01777, (Integer) Files.getAttribute(target.resolve("tmp"), "unix:mode") & 07777);
        // A static busybox runs from the host too; called as "sh", it is the shell.
        Process sh = new ProcessBuilder(target.resolve("bin/sh").toString(), "-c", "echo $((6 * 7))")
                .redirectErrorStream(true).start();
        assertEquals("42\n", new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void inAChrootItIsAWorkingSystem() throws Exception {
        Privileges.requireRoot("chroot(8)", Assumptions::abort);
        Path target = temp.resolve("rootfs");
        rootfs.unpackFresh(target);
        Process chroot = new ProcessBuilder("chroot", target.toString(), "/bin/sh", "-c", "id; ls -ld /tmp; ls /")
                .redirectErrorStream(true).start();
        String output = new String(chroot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chroot.waitFor(10, TimeUnit.SECONDS));
        assertTrue(output.startsWith("uid=0(root) gid=0(root)"), output); // names from our /etc/passwd and group
        assertTrue(output.contains("drwxrwxrwt"), output);
        assertTrue(output.contains("bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n"), output);
    }

    @Test
    void gnuTarAcceptsIt() throws Exception {
        Assumptions.assumeTrue(Tars.hasGnuTar(), "GNU tar is not installed");
        Path tarFile = temp.resolve("busybox.tar");
        Files.write(tarFile, tar());
        String listing = Tars.gnuTar(temp, "--numeric-owner", "-tvf", tarFile.toString());
        assertTrue(listing.contains("bin/sh -> busybox\n"), listing);
        assertTrue(listing.lines().anyMatch(line -> line.startsWith("-rwxr-xr-x 0/0") && line.endsWith(" bin/busybox")),
                listing);
    }

    @Test
    void aMissingOrDynamicBusyboxIsExplained() throws IOException {
        IOException none = assertThrows(IOException.class, () -> BusyboxRootfs.fromSearchResult(null));
        assertEquals("no busybox found: install a static one, e.g. sudo apt-get install busybox-static"
                + " (or pass --busybox PATH)", none.getMessage());

        IOException missing = assertThrows(IOException.class, () -> BusyboxRootfs.fromBinary(temp.resolve("nope")));
        assertEquals("no busybox at " + temp.resolve("nope") + ": no such file (install busybox-static, or pass"
                + " --busybox PATH)", missing.getMessage());

        Path script = Files.writeString(temp.resolve("busybox"), "#!/bin/sh\n");
        IOException notElf = assertThrows(IOException.class, () -> BusyboxRootfs.fromBinary(script));
        assertEquals(script + " is not a program (no ELF header): install busybox-static", notElf.getMessage());

        Path dynamic = Path.of("/bin/ls").toRealPath();
        Assumptions.assumeFalse(ElfFile.isStaticExecutable(dynamic), "/bin/ls is static here");
        IOException dynamicError = assertThrows(IOException.class, () -> BusyboxRootfs.fromBinary(dynamic));
        assertEquals(dynamic + " is dynamically linked: a container's root has no shared libraries; install busybox-static",
                dynamicError.getMessage());
    }

    private static byte[] bytesOf(BusyboxRootfs other) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        other.writeTar(out);
        return out.toByteArray();
    }
}
