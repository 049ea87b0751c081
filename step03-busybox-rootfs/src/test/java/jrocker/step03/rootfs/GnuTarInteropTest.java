package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import jrocker.step01.testing.Privileges;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.tar.TarWriter;
import jrocker.step03.tar.Tars;
import jrocker.step03.testing.TarArchive.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GNU tar is the reference: what it writes we unpack to the same tree it came from, and what TarWriter
 * writes it lists and extracts.
 */
class GnuTarInteropTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final String DEEP = "deep/" + "d".repeat(90) + "/" + "e".repeat(90) + "/" + "f".repeat(90);

    @TempDir
    Path temp;
    private Path source;

    @BeforeEach
    void requireGnuTar() {
        Assumptions.assumeTrue(Tars.hasGnuTar(), "GNU tar is not installed");
    }

    @AfterEach
    void deleteTrees() throws IOException {
        jrocker.step03.testing.TempTrees.deleteChildren(temp);
    }

    /** A tree with what real images have: setuid, sticky, long and unicode names, all kinds of links. */
    private Path buildSourceTree(boolean asRoot) throws Exception {
        source = Files.createDirectory(temp.resolve("source"));
        Files.createDirectories(source.resolve("bin"));
        Files.createDirectories(source.resolve(DEEP));
        Files.writeString(source.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(source.resolve("bin/tool"), "unix:mode", 04755);
        Files.createLink(source.resolve("bin/tool-hardlink"), source.resolve("bin/tool"));
        Files.createSymbolicLink(source.resolve("bin/sh"), Path.of("tool"));
        Files.createSymbolicLink(source.resolve("absolute"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("no/such/file"));
        Files.createSymbolicLink(source.resolve("long-target"), Path.of("t".repeat(150)));
        Files.createDirectory(source.resolve("tmp"));
        Files.setAttribute(source.resolve("tmp"), "unix:mode", 01777);
        Files.writeString(source.resolve(DEEP + "/file-with-a-path-over-255-bytes"), "deep\n");
        Files.writeString(source.resolve("n".repeat(150)), "long name\n");
        Files.writeString(source.resolve("unicodé-日本語-😀.txt"), "unicode\n");
        Files.createFile(source.resolve("empty"));
        byte[] big = new byte[100_000];
        new Random(42).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        run(source, "mkfifo", "fifo");
        if (asRoot) {
            run(source, "mknod", "null-device", "c", "1", "3");
            run(source, "chown", "1234:5678", "bin/tool");
            run(source, "chmod", "04755", "bin/tool"); // chown cleared setuid
            run(source, "chown", "-h", "99:98", "bin/sh");
        }
        // Fixed mtimes with nanoseconds, directories last (creating children changes them).
        List<Path> all = new ArrayList<>();
        collect(source, all);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (Files.readAttributes(all.get(i), java.nio.file.attribute.BasicFileAttributes.class, NOFOLLOW).isOther()) {
                continue; // the JDK opens a file to set its times, and opening a FIFO waits for a writer
            }
            Files.getFileAttributeView(all.get(i), java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(FileTime.from(Instant.ofEpochSecond(1_600_000_000L + i * 1000L, 123_456_789)), null, null);
        }
        return source;
    }

    @ParameterizedTest(name = "tar --format={0} {1}")
    @CsvSource({"gnu, -cf", "gnu, -czf", "posix, -cf", "posix, -czf", "ustar, -cf"})
    void archivesOfGnuTarUnpackToTheTreeTheyCameFrom(String format, String create) throws Exception {
        boolean root = Privileges.isRoot();
        buildSourceTree(root);
        Path archive = temp.resolve("archive.tar");
        List<String> arguments = new ArrayList<>(List.of("--format=" + format, create, archive.toString(), "-C",
                source.toString(), "."));
        if (format.equals("ustar")) { // ustar holds no name component over 100 bytes, no path over 255
            arguments.addAll(0, List.of("--exclude=./deep", "--exclude=./long-target", "--exclude=./" + "n".repeat(150)));
        }
        Tars.gnuTar(temp, arguments.toArray(String[]::new));

        Path target = temp.resolve("unpacked");
        UnpackSummary summary = new TarUnpacker().unpackFresh(archive, target);

        Set<String> skipped = new TreeSet<>();
        summary.skipped().forEach(s -> skipped.add(s.entry().name()));
        assertEquals(root ? Set.of("./fifo", "./null-device") : Set.of("./fifo"), skipped);
        Files.delete(source.resolve("fifo"));
        if (root) {
            Files.delete(source.resolve("null-device"));
        }
        if (format.equals("ustar")) {
            RootfsDirectory.deleteRecursively(source.resolve("deep"));
            Files.delete(source.resolve("long-target"));
            Files.delete(source.resolve("n".repeat(150)));
        }
        // The ustar and gnu formats hold whole seconds; posix (pax) holds nanoseconds.
        boolean wholeSeconds = !format.equals("posix");
        // Deleting from the source changed its directories' mtimes; the root's, compare without it.
        SortedMap<String, String> expected = describe(source, wholeSeconds);
        SortedMap<String, String> actual = describe(target, wholeSeconds);
        expected.remove("/");
        actual.remove("/");
        assertEquals(expected, actual);
        assertEquals(hardlinkGroups(source), hardlinkGroups(target));
    }

    @Test
    void ourReaderListsWhatGnuTarLists() throws Exception {
        buildSourceTree(Privileges.isRoot());
        Path archive = temp.resolve("archive.tar");
        Tars.gnuTar(temp, "--format=gnu", "-cf", archive.toString(), "-C", source.toString(), ".");
        List<String> gnu = Tars.gnuTar(temp, "--quoting-style=literal", "-tf", archive.toString()).lines()
                .map(name -> name.length() > 1 && name.endsWith("/") ? name.substring(0, name.length() - 1) : name)
                .toList();
        List<String> ours = TarReader.list(archive).stream().map(TarEntry::name).toList();
        assertEquals(gnu, ours);
        assertTrue(ours.contains("./" + DEEP + "/file-with-a-path-over-255-bytes"));
    }

    @Test
    void gnuTarListsAndExtractsWhatTarWriterWrites() throws Exception {
        Privileges.requireRoot("GNU tar restores owners only as root", Assumptions::abort);
        String longName = "usr/share/" + "l".repeat(120) + "/file";
        Instant mtime = Instant.ofEpochSecond(1_700_000_000, 987_654_321);
        byte[] archive = Tars.tar(
                Member.of(TarEntry.directory("etc", 0755).withMtime(mtime)),
                Member.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n"),
                Member.file(longName, 0600, "long"),
                Member.file("unicodé-日本語.txt", 0644, "unicode"),
                new Member(TarEntry.file("bin/su", 04755, 2).withOwner(1000, 1001).withMtime(mtime), "su".getBytes()),
                Member.of(TarEntry.hardlink("bin/su2", "bin/su")),
                Member.of(TarEntry.symlink("bin/link", "/" + "t".repeat(150))),
                Member.of(TarEntry.directory("tmp", 01777)),
                Member.of(TarEntry.file("big-uid", 0644, 0).withOwner(3_000_000, 4_000_000)));
        Path tarFile = temp.resolve("ours.tar");
        Files.write(tarFile, archive);

        String listing = Tars.gnuTar(temp, "--quoting-style=literal", "--numeric-owner", "-tvf", tarFile.toString());
        assertTrue(listing.contains("-rwsr-xr-x 1000/1001         2 2023-11-14 22:13 bin/su\n"), listing);
        assertTrue(listing.contains(longName), listing);
        assertTrue(listing.contains("unicodé-日本語.txt"), listing);
        assertTrue(listing.contains("bin/su2 link to bin/su"), listing);
        assertTrue(listing.contains("bin/link -> /" + "t".repeat(150)), listing);
        assertTrue(listing.contains("3000000/4000000"), listing);
        assertTrue(listing.contains("drwxrwxrwt"), listing);

        Path extracted = Files.createDirectory(temp.resolve("extracted"));
        Tars.gnuTar(temp, "--numeric-owner", "-xf", tarFile.toString(), "-C", extracted.toString());
        assertEquals("root:x:0:0:root:/root:/bin/sh\n", Files.readString(extracted.resolve("etc/passwd")));
        assertEquals("long", Files.readString(extracted.resolve(longName)));
        assertEquals(04755, (Integer) Files.getAttribute(extracted.resolve("bin/su"), "unix:mode") & 07777);
        assertEquals(1000, Files.getAttribute(extracted.resolve("bin/su"), "unix:uid"));
        assertEquals(Files.getAttribute(extracted.resolve("bin/su"), "unix:ino"),
                Files.getAttribute(extracted.resolve("bin/su2"), "unix:ino"));
        assertEquals(mtime, Files.getLastModifiedTime(extracted.resolve("bin/su")).toInstant(), "PAX mtime, to the ns");
        assertEquals(mtime, Files.getLastModifiedTime(extracted.resolve("etc")).toInstant());
        assertEquals(01777, (Integer) Files.getAttribute(extracted.resolve("tmp"), "unix:mode") & 07777);
        assertEquals(3_000_000, Files.getAttribute(extracted.resolve("big-uid"), "unix:uid"));
        assertEquals("unicode", Files.readString(extracted.resolve("unicodé-日本語.txt")));
    }

    @Test
    void gnuTarReadsOurGzipOutput() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed); TarWriter writer = new TarWriter(gzip)) {
            writer.write(TarEntry.file("hello", 0644, 6), "hello\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path tarFile = temp.resolve("ours.tar.gz");
        Files.write(tarFile, compressed.toByteArray());
        assertEquals("hello\n", Tars.gnuTar(temp, "-tzf", tarFile.toString()));
        assertEquals("hello\n", Tars.gnuTar(temp, "-xzOf", tarFile.toString(), "hello"));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Per path: type, mode, owner, size, mtime, and content hash or link text. */
    private static SortedMap<String, String> describe(Path root, boolean wholeSeconds) throws Exception {
        List<Path> all = new ArrayList<>(List.of(root));
        collect(root, all);
        SortedMap<String, String> description = new TreeMap<>();
        for (Path path : all) {
            Map<String, Object> unix = Files.readAttributes(path, "unix:*", NOFOLLOW);
            Instant mtime = ((FileTime) unix.get("lastModifiedTime")).toInstant();
            if (wholeSeconds) {
                mtime = Instant.ofEpochSecond(mtime.getEpochSecond());
            }
            String what;
            if (Files.isSymbolicLink(path)) {
                what = "symlink -> " + Files.readSymbolicLink(path);
            } else if (Files.isDirectory(path, NOFOLLOW)) {
                what = "directory";
            } else {
                what = "file sha256=" + sha256(path);
            }
            int mode = (Integer) unix.get("mode") & 07777;
            description.put("/" + root.relativize(path), what + " mode=" + Integer.toOctalString(mode)
                    + " owner=" + unix.get("uid") + ":" + unix.get("gid") + " mtime=" + mtime);
        }
        return description;
    }

    /** The sets of paths that share an inode. */
    private static Set<Set<String>> hardlinkGroups(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        collect(root, all);
        Map<Object, Set<String>> byInode = new HashMap<>();
        for (Path path : all) {
            byInode.computeIfAbsent(Files.getAttribute(path, "unix:ino", NOFOLLOW), inode -> new TreeSet<>())
                    .add(root.relativize(path).toString());
        }
        Set<Set<String>> groups = new java.util.HashSet<>();
        byInode.values().stream().filter(group -> group.size() > 1).forEach(groups::add);
        return groups;
    }

    /**
     * File names are bytes: names that are not UTF-8 (Latin-1, as old archives hold them), short and long,
     * and a symlink target, go from GNU tar through TarUnpacker to disk, and from TarWriter through GNU tar to
     * disk, byte for byte, in every format GNU tar writes. find(1) lists both trees as raw bytes.
     */
    @ParameterizedTest
    @CsvSource({"gnu", "pax", "ustar"})
    void namesThatAreNotUtf8ComeThroughByteForByte(String format) throws Exception {
        String latin1 = "caf\udce9"; // c a f 0xe9
        String longName = "d".repeat(60) + "/" + "\udcff".repeat(60) + "/" + latin1 + ".txt";
        List<Member> members = List.of(Member.directory("etc"), Member.file("etc/" + latin1 + ".txt", "caf\u00e9"),
                Member.file("\u00e9t\u00e9", "utf-8"), Member.directory("d".repeat(60)),
                Member.directory("d".repeat(60) + "/" + "\udcff".repeat(60)), Member.file(longName, "long"),
                Member.symlink("link\udce9", "etc/" + latin1 + ".txt"));

        // TarWriter -> GNU tar -> disk
        Path written = Files.createDirectory(temp.resolve("written"));
        Files.write(temp.resolve("ours.tar"), Tars.tar(members));
        Tars.gnuTar(written, "-xf", temp.resolve("ours.tar").toString());
        // disk -> GNU tar (this format) -> TarUnpacker -> disk
        Tars.gnuTar(written, "--format=" + format, "-cf", temp.resolve("gnu.tar").toString(), ".");
        Path unpacked = Files.createDirectory(temp.resolve("unpacked"));
        new TarUnpacker().unpack(temp.resolve("gnu.tar"), unpacked);

        List<String> expected = sortedHex(List.of("\u00c3\u00a9t\u00c3\u00a9|", "d".repeat(60) + "|",
                "d".repeat(60) + "/" + "\u00ff".repeat(60) + "|", "d".repeat(60) + "/" + "\u00ff".repeat(60) + "/caf\u00e9.txt|",
                "etc|", "etc/caf\u00e9.txt|", "link\u00e9|etc/caf\u00e9.txt")); // bytes, one char each; only \u00e9t\u00e9 is UTF-8
        assertEquals(expected, rawListing(written), "GNU tar's extraction of TarWriter's tar");
        assertEquals(expected, rawListing(unpacked), "TarUnpacker's unpacking of GNU tar's " + format + " tar");
    }

    private static List<String> sortedHex(List<String> latin1Lines) {
        return latin1Lines.stream().map(line -> HexFormat.of().formatHex(line.getBytes(StandardCharsets.ISO_8859_1)))
                .sorted().toList();
    }

    /** Every path below {@code directory} with its symlink target, as find(1) prints them (the bytes on disk), sorted. */
    private static List<String> rawListing(Path directory) throws Exception {
        Process find = new ProcessBuilder("find", ".", "-mindepth", "1", "-printf", "%P|%l\\n")
                .directory(directory.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(find.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, find.waitFor());
        return sortedHex(List.of(listing.split("\n")));
    }

    private static void collect(Path directory, List<Path> all) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                all.add(child);
                if (Files.isDirectory(child, NOFOLLOW)) {
                    collect(child, all);
                }
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
