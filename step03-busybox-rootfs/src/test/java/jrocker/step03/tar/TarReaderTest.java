package jrocker.step03.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import jrocker.step03.testing.TarArchive.Member;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Corrupt, truncated and unusual archives; the extensions GNU tar and others write. */
class TarReaderTest {
    /** Content across two blocks, a symlink, a PAX header (long name), an empty file. */
    private static final List<Member> SAMPLE = List.of(
            Member.of(TarEntry.directory("bin", 0755)),
            Member.file("bin/hello", 0755, "x".repeat(700)),
            Member.of(TarEntry.symlink("bin/sh", "hello")),
            Member.file("etc/" + "long".repeat(30), 0644, "a long name needs a PAX header\n"),
            Member.file("etc/empty", 0644, ""));

    // Layout of SAMPLE: bin/ at 0, bin/hello at 512 (content 1024..1724, padded to 2048), bin/sh at 2048,
    // PAX header at 2560 (+ its data block), the long-named file at 3584 (content 4096), etc/empty at 4608,
    // end-of-archive marker at 5120.
    private static final int END_MARKER = 5120;

    // tag::truncation-rule[]
    /**
     * The rule: an archive is complete once it has its end marker, two zero blocks or one zero block and
     * then the end of the input. Any shorter prefix fails, even one that stops exactly between two entries.
     */
    @Test
    void everyTruncationFailsUnlessTheEndMarkerIsThere() throws IOException {
        byte[] archive = Tars.tar(SAMPLE);
        assertEquals(END_MARKER + 1024, archive.length);
        for (int length = 0; length <= archive.length; length++) {
            byte[] prefix = Arrays.copyOf(archive, length);
            boolean complete = length == END_MARKER + 512 || length >= END_MARKER + 1024;
            if (complete) {
                assertSameMembers(SAMPLE, Tars.read(prefix));
            } else {
                TarFormatException e = assertThrows(TarFormatException.class, () -> Tars.read(prefix),
                        "a prefix of " + length + " bytes");
                assertOneLine(e);
                assertTrue(e.getMessage().startsWith("truncated tar: ") || length == 0, e.getMessage());
            }
        }
    }
    // end::truncation-rule[]

    @Test
    void truncationMessagesNameTheEntryOrOffset() {
        byte[] archive = Tars.tar(SAMPLE);
        assertEquals("not a tar archive: the input is empty", readError(archive, 0));
        assertEquals("truncated tar: the header at offset 512 ends after 188 of 512 bytes", readError(archive, 700));
        assertEquals("truncated tar: entry bin/hello ends after 100 of 700 bytes", readError(archive, 1024 + 100));
        assertEquals("truncated tar: the archive ends in the padding after entry bin/hello (offset 1734)",
                readError(archive, 1024 + 710));
        assertEquals("truncated tar: the extended header at offset 2560 ends after 88 of 134 bytes",
                readError(archive, 3072 + 88));
        assertEquals("truncated tar: the archive ends at offset 5120 without an end-of-archive marker (two zero blocks)",
                readError(archive, END_MARKER));
        assertEquals("truncated tar: the end-of-archive marker at offset 5120 is cut off",
                readError(archive, END_MARKER + 600));
    }

    /** The same rule through gzip: what counts is how much tar the cut-off gzip stream still holds. */
    @Test
    void everyTruncationOfAGzipArchiveFollowsTheSameRule() throws IOException {
        byte[] compressed = Tars.gzip(Tars.tar(SAMPLE));
        for (int length = 0; length < compressed.length; length++) {
            byte[] prefix = Arrays.copyOf(compressed, length);
            long tarBytes = decompressedLength(prefix);
            boolean complete = tarBytes == END_MARKER + 512 || tarBytes >= END_MARKER + 1024;
            if (complete) {
                assertSameMembers(SAMPLE, Tars.read(prefix));
            } else {
                TarFormatException e = assertThrows(TarFormatException.class, () -> Tars.read(prefix),
                        "a gzip prefix of " + length + " bytes, holding " + tarBytes + " bytes of tar");
                assertOneLine(e);
            }
        }
        assertSameMembers(SAMPLE, Tars.read(compressed));
    }

    private static long decompressedLength(byte[] gzipPrefix) {
        long total = 0;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipPrefix))) {
            byte[] buffer = new byte[512];
            for (int got = in.read(buffer); got >= 0; got = in.read(buffer)) {
                total += got;
            }
        } catch (IOException endOfInput) {
            // as far as it goes
        }
        return total;
    }

    @Tag("tar-checksum")
    @Test
    void aBadChecksumIsRefused() {
        byte[] archive = Tars.tar(SAMPLE);
        archive[512 + 4] ^= 1; // one bit of the name "bin/hello"
        assertEquals("corrupt tar: bad header checksum at offset 512", readError(archive, archive.length));
        byte[] first = Tars.tar(SAMPLE);
        first[0] = 'B';
        assertEquals("not a tar archive: bad header checksum at offset 0", readError(first, first.length));
    }

    /** A changed byte anywhere in a header, except inside the checksum field itself, is always detected. */
    @Tag("tar-checksum")
    @Test
    void anyChangedHeaderByteIsDetected() {
        byte[] archive = Tars.tar(SAMPLE);
        for (int position = 512; position < 1024; position++) {
            if (position >= 512 + 148 && position < 512 + 156) {
                continue;
            }
            for (int bit : new int[] {0x01, 0x80, 0x55}) {
                byte[] changed = archive.clone();
                changed[position] ^= (byte) bit;
                int where = position;
                TarFormatException e = assertThrows(TarFormatException.class, () -> Tars.read(changed),
                        "byte " + where + " changed");
                assertEquals("corrupt tar: bad header checksum at offset 512", e.getMessage());
            }
        }
    }

    /**
     * A name outside ASCII puts bytes above 127 into the header, where the unsigned sum (what tar writes)
     * and the signed sum (what some old writers wrote) differ: each must be accepted on its own, with the
     * checksum field counted as spaces. In an ASCII header the two sums are equal, so a wrong one can hide
     * behind the other.
     */
    @Tag("tar-checksum")
    @Test
    void aNonAsciiHeaderMatchesItsUnsignedOrItsSignedChecksum() throws IOException {
        List<Member> members = List.of(Member.file("etc/café-naïve.txt", 0644, "ü\n"));
        byte[] archive = Tars.tar(members);
        assertSameMembers(members, Tars.read(archive));

        byte[] oldWriter = archive.clone();
        long signedSum = 0;
        for (int i = 0; i < 512; i++) {
            signedSum += i >= 148 && i < 156 ? ' ' : oldWriter[i];
        }
        System.arraycopy(String.format("%06o\0 ", signedSum).getBytes(StandardCharsets.US_ASCII), 0, oldWriter, 148, 8);
        assertFalse(Arrays.equals(archive, oldWriter), "the signed sum differs from the unsigned one");
        assertSameMembers(members, Tars.read(oldWriter));
    }

    /** Whatever is damaged, the reader ends with an IOException or entries: never another exception. */
    @Test
    void damagedArchivesNeverCauseOtherExceptions() {
        byte[] archive = Tars.tar(SAMPLE);
        Gen<List<Integer>> changes = lists().of(integers().between(0, archive.length * 256 - 1)).ofSizeBetween(1, 6);
        qt().withExamples(2000).forAll(changes).checkAssert(positionsAndValues -> {
            byte[] damaged = archive.clone();
            for (int change : positionsAndValues) {
                damaged[change / 256] = (byte) change;
            }
            readOrIOException(damaged);
            readOrIOException(Tars.gzip(damaged));
        });
        Gen<List<Integer>> garbage = lists().of(integers().between(0, 255)).ofSizeBetween(0, 1500);
        qt().withExamples(300).forAll(garbage).checkAssert(bytes -> {
            byte[] data = new byte[bytes.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (int) bytes.get(i);
            }
            readOrIOException(data);
        });
    }

    @Test
    void oneZeroBlockThenTheEndIsAccepted() throws IOException {
        byte[] archive = Arrays.copyOf(Tars.tar(SAMPLE), END_MARKER + 512);
        assertSameMembers(SAMPLE, Tars.read(archive));
    }

    @Test
    void aLoneZeroBlockFollowedByAnotherEntryIsRefused() {
        byte[] first = Tars.tar(Member.file("a", 0644, "a"));
        byte[] second = Tars.tar(Member.file("b", 0644, "b"));
        byte[] joined = new byte[1024 + 512 + second.length];
        System.arraycopy(first, 0, joined, 0, 1024); // a's header and content
        System.arraycopy(second, 0, joined, 1024 + 512, second.length); // one zero block, then b
        assertEquals("corrupt tar: a single zero block at offset 1024 is followed by more data"
                + " (two concatenated archives?)", readError(joined, joined.length));
    }

    @Test
    void whatFollowsTheEndMarkerIsNotRead() throws IOException {
        byte[] archive = Tars.tar(SAMPLE);
        byte[] padded = Arrays.copyOf(archive, archive.length + 10240); // GNU tar pads to 10 KiB records
        padded[padded.length - 1] = 42;
        assertSameMembers(SAMPLE, Tars.read(padded));
    }

    @Test
    void otherCompressionsAreNamedInTheError() {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3};
        assertEquals("this archive is xz-compressed; only plain and gzip tars are read: decompress it first"
                + " (e.g. xz -d FILE)", readError(xz, xz.length));
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0};
        assertTrue(readError(zstd, zstd.length).startsWith("this archive is zstd-compressed"));
    }

    @Test
    void base256NumbersAreRead() throws IOException {
        UstarHeader header = new UstarHeader("big", '0', 0644, 3_000_000, 0xffff_fffeL, 0, -1000, "", 0, 0);
        byte[] block = header.toBlock();
        assertEquals((byte) 0x80, block[108], "uid 3000000 does not fit 7 octal digits: base-256");
        assertEquals((byte) 0xff, block[136], "a negative mtime is base-256 with a 0xff marker");
        TarEntry entry = Tars.list(withEndMarker(block)).get(0);
        assertEquals(3_000_000, entry.uid());
        assertEquals(0xffff_fffeL, entry.gid());
        assertEquals(Instant.ofEpochSecond(-1000), entry.mtime());
    }

    @Test
    void gnuLongNamesAndLinkTargetsAreRead() throws IOException {
        String longName = "usr/share/" + "n".repeat(150);
        String longTarget = "/opt/" + "t".repeat(150);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        writeGnuLong(archive, 'L', longName);
        writeGnuLong(archive, 'K', longTarget);
        archive.writeBytes(new UstarHeader(longName.substring(0, 100), '2', 0777, 0, 0, 0, 0,
                longTarget.substring(0, 100), 0, 0).toBlock());
        TarEntry entry = Tars.list(withEndMarker(archive.toByteArray())).get(0);
        assertEquals(longName, entry.name());
        assertEquals(longTarget, entry.linkName());
        assertEquals(TarEntry.Type.SYMLINK, entry.type());
    }

    @Test
    void paxRecordsOverrideTheHeaderAndGlobalOnesAreIgnored() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        writePax(archive, 'g', "path=global/ignored\n");
        writePax(archive, 'x', "path=pax/name\nlinkpath=\nmtime=1700000000.25\nuid=70000\ngid=80000\nsize=3\n");
        archive.writeBytes(new UstarHeader("short", '0', 0600, 1, 2, 999, 5, "", 0, 0).toBlock());
        archive.writeBytes(Arrays.copyOf("abc".getBytes(StandardCharsets.US_ASCII), 512));
        List<Member> members = Tars.read(withEndMarker(archive.toByteArray()));
        assertEquals(1, members.size());
        TarEntry entry = members.get(0).entry();
        assertEquals("pax/name", entry.name());
        assertEquals("", entry.linkName(), "an empty value means: keep the header's");
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 250_000_000), entry.mtime());
        assertEquals(70000, entry.uid());
        assertEquals(80000, entry.gid());
        assertEquals("abc", new String(members.get(0).content(), StandardCharsets.US_ASCII), "PAX size 3, not 999");
    }

    @Test
    void brokenOrHugeExtendedHeadersAreRefused() {
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        writePax(bad, 'x', "99 path=x\n");
        assertEquals("corrupt tar: bad PAX record at byte 0 of the extended header at offset 0",
                readError(withEndMarker(bad.toByteArray()), Integer.MAX_VALUE));
        byte[] huge = new UstarHeader("PaxHeaders/x", 'x', 0644, 0, 0, 2_000_000, 0, "", 0, 0).toBlock();
        assertEquals("corrupt tar: the extended header at offset 0 claims 2000000 bytes (more than 1048576)",
                readError(withEndMarker(huge), Integer.MAX_VALUE));
        ByteArrayOutputStream orphan = new ByteArrayOutputStream();
        writePax(orphan, 'x', "path=lost\n");
        assertEquals("corrupt tar: the archive ends at offset 1024 right after an extended header, without the"
                + " entry it describes", readError(withEndMarker(orphan.toByteArray()), Integer.MAX_VALUE));
        ByteArrayOutputStream sparse = new ByteArrayOutputStream();
        writePax(sparse, 'x', "GNU.sparse.major=1\n");
        sparse.writeBytes(new UstarHeader("disk.img", '0', 0644, 0, 0, 0, 0, "", 0, 0).toBlock());
        assertEquals("unsupported tar: entry disk.img is a GNU sparse file (re-create the archive without --sparse)",
                readError(withEndMarker(sparse.toByteArray()), Integer.MAX_VALUE));
    }

    @Test
    void aFieldThatIsNotANumberIsNamed() {
        byte[] block = new UstarHeader("f", '0', 0644, 0, 0, 0, 0, "", 0, 0).toBlock();
        System.arraycopy("0000x44".getBytes(StandardCharsets.US_ASCII), 0, block, 100, 7); // the mode field
        fixChecksum(block);
        assertEquals("corrupt tar: the mode field of the header at offset 0 is not a valid number: \"0000x44\\x00\"",
                readError(withEndMarker(block), Integer.MAX_VALUE));
    }

    @Test
    void oldStyleDirectoriesAndContiguousFilesAreUnderstood() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.writeBytes(new UstarHeader("olddir/", '\0', 0755, 0, 0, 0, 0, "", 0, 0).toBlock());
        archive.writeBytes(new UstarHeader("oldfile", '\0', 0644, 0, 0, 0, 0, "", 0, 0).toBlock());
        archive.writeBytes(new UstarHeader("contiguous", '7', 0644, 0, 0, 0, 0, "", 0, 0).toBlock());
        archive.writeBytes(new UstarHeader("label", 'V', 0, 0, 0, 0, 0, "", 0, 0).toBlock());
        List<TarEntry> entries = Tars.list(withEndMarker(archive.toByteArray()));
        assertEquals(List.of("olddir", "oldfile", "contiguous", "label"), entries.stream().map(TarEntry::name).toList());
        assertEquals(List.of(TarEntry.Type.DIRECTORY, TarEntry.Type.FILE, TarEntry.Type.FILE, TarEntry.Type.OTHER),
                entries.stream().map(TarEntry::type).toList());
    }

    /** Links, directories and devices carry no content, whatever their size field says (as in Go and GNU tar). */
    @Test
    void aSizeOnALinkHeaderIsIgnored() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.writeBytes(new UstarHeader("link", '2', 0777, 0, 0, 700, 0, "target", 0, 0).toBlock());
        archive.writeBytes(Tars.tar(Member.file("next", 0644, "n")));
        List<Member> members = Tars.read(archive.toByteArray());
        assertEquals(List.of("link", "next"), members.stream().map(m -> m.entry().name()).toList());
        assertEquals(0, members.get(0).entry().size());
        assertEquals("n", new String(members.get(1).content(), StandardCharsets.US_ASCII));
    }

    @Test
    void unreadContentIsSkippedAndContentEndsAtTheEntrySize() throws IOException {
        try (TarReader reader = new TarReader(new ByteArrayInputStream(Tars.tar(SAMPLE)))) {
            assertEquals("bin", reader.next().name());
            assertEquals(-1, reader.content().read(), "a directory has no content");
            assertEquals("bin/hello", reader.next().name());
            assertEquals('x', reader.content().read()); // read 1 of 700, leave the rest
            assertEquals("bin/sh", reader.next().name());
            reader.next();
            assertEquals("a long name needs a PAX header\n", new String(reader.content().readAllBytes(),
                    StandardCharsets.US_ASCII));
            assertEquals("etc/empty", reader.next().name());
            assertNull(reader.next());
            assertNull(reader.next(), "still the end");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static void assertSameMembers(List<Member> expected, List<Member> actual) {
        assertEquals(expected.stream().map(Member::entry).toList(), actual.stream().map(Member::entry).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).content(), actual.get(i).content());
        }
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n"),
                "one-line message: " + e.getMessage());
    }

    /** The message of the TarFormatException that reading the first {@code length} bytes must throw. */
    private static String readError(byte[] archive, int length) {
        byte[] prefix = Arrays.copyOf(archive, Math.min(length, archive.length));
        TarFormatException e = assertThrows(TarFormatException.class, () -> Tars.read(prefix));
        assertOneLine(e);
        return e.getMessage();
    }

    private static void readOrIOException(byte[] archive) {
        try {
            Tars.read(archive);
        } catch (IOException expected) {
            assertOneLine(expected);
        } catch (RuntimeException e) {
            fail("a damaged archive must give an IOException, not " + e, e);
        }
    }

    private static byte[] withEndMarker(byte[] blocks) {
        return Arrays.copyOf(blocks, blocks.length + 1024);
    }

    private static void writeGnuLong(ByteArrayOutputStream archive, char type, String value) {
        byte[] data = (value + "\0").getBytes(StandardCharsets.UTF_8);
        archive.writeBytes(new UstarHeader("././@LongLink", type, 0644, 0, 0, data.length, 0, "", 0, 0).toBlock());
        archive.writeBytes(Arrays.copyOf(data, (data.length + 511) / 512 * 512));
    }

    /** A PAX header whose records are given as "key=value\n" lines (with their lengths added here). */
    private static void writePax(ByteArrayOutputStream archive, char type, String lines) {
        byte[] data;
        if (lines.matches("(?s)[0-9]+ .*")) {
            data = lines.getBytes(StandardCharsets.UTF_8); // given raw, possibly wrong on purpose
        } else {
            java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
            for (String line : lines.split("\n")) {
                records.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            data = PaxRecords.format(records);
        }
        archive.writeBytes(new UstarHeader("PaxHeaders/x", type, 0644, 0, 0, data.length, 0, "", 0, 0).toBlock());
        archive.writeBytes(Arrays.copyOf(data, (data.length + 511) / 512 * 512));
    }

    private static void fixChecksum(byte[] block) {
        Arrays.fill(block, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        System.arraycopy(String.format("%06o\0", sum).getBytes(StandardCharsets.US_ASCII), 0, block, 148, 7);
    }
}
