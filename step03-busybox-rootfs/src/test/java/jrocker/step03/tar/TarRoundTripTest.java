package jrocker.step03.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jrocker.step03.testing.TarArchive.Member;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** What TarWriter writes, TarReader reads back unchanged: every field, every byte of content. */
class TarRoundTripTest {

    /** Path components: ASCII, accented, CJK, emoji (4 UTF-8 bytes), bytes that are not UTF-8, and long ones. */
    private static Gen<String> components() {
        Gen<String> ascii = strings().betweenCodePoints('!', '~').ofLengthBetween(1, 12)
                .assuming(s -> !s.contains("/"));
        Gen<String> unicode = strings().betweenCodePoints(0xa1, 0x2fff).ofLengthBetween(1, 8);
        Gen<String> emoji = strings().betweenCodePoints(0x1f600, 0x1f64f).ofLengthBetween(1, 4);
        Gen<String> long60 = strings().betweenCodePoints('a', 'z').ofLengthBetween(40, 60);
        // Names are bytes: any but '/' and NUL, UTF-8 or not (a Latin-1 "caf\xe9"), in their String form.
        Gen<String> anyBytes = lists().of(integers().between(1, 255).assuming(b -> b != '/')).ofSizeBetween(1, 12)
                .map(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (int) values.get(i);
                    }
                    return FileNames.decode(bytes);
                });
        return arbitrary().pick("bin", "etc", "busybox", "é", "日本語", ".", "..", "caf\udce9").mix(ascii, 30)
                .mix(unicode, 20).mix(emoji, 10).mix(long60, 15).mix(anyBytes, 15);
    }

    /** Names of 1 to 6 components: many over 100 bytes (PAX path), some far over 255. */
    private static Gen<String> names() {
        return lists().of(components()).ofSizeBetween(1, 6).map(parts -> String.join("/", parts))
                .mix(arbitrary().pick("/", "./", "/abs/name"), 5);
    }

    private static Gen<Instant> mtimes() {
        Gen<Instant> whole = longs().between(0, (1L << 33) - 1).map((Long seconds) -> Instant.ofEpochSecond(seconds));
        Gen<Instant> precise = longs().between(-10_000_000_000L, 100_000_000_000L)
                .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
        return whole.mix(precise, 40);
    }

    private static Gen<Long> ids() {
        return longs().between(0, 70000).mix(longs().between(0, 0xffff_fffeL), 30);
    }

    private static Gen<TarEntry> entries() {
        Gen<TarEntry.Type> types = arbitrary().pick(TarEntry.Type.FILE, TarEntry.Type.FILE, TarEntry.Type.DIRECTORY,
                TarEntry.Type.SYMLINK, TarEntry.Type.HARDLINK, TarEntry.Type.CHAR_DEVICE, TarEntry.Type.BLOCK_DEVICE,
                TarEntry.Type.FIFO);
        Gen<Integer> sizes = integers().between(0, 1100).mix(arbitrary().pick(0, 511, 512, 513, 1024), 30)
                .mix(integers().between(8000, 70000), 10); // beyond the buffers of readAllBytes and transferTo
        Gen<Integer> devices = integers().between(0, 300).mix(integers().between(0, Integer.MAX_VALUE), 30);
        return types.zip(names(), names(), integers().between(0, 07777), (type, name, link, mode) -> {
            boolean isLink = type == TarEntry.Type.SYMLINK || type == TarEntry.Type.HARDLINK;
            // Directory names lose a trailing slash on the way back; a lone "/" stays.
            String entryName = type == TarEntry.Type.DIRECTORY && name.length() > 1 ? name.replaceAll("/+$", "") : name;
            return new TarEntry(entryName.isEmpty() ? "d" : entryName, type, mode, 0, 0, 0, Instant.EPOCH,
                    isLink ? link : "", 0, 0);
        }).zip(ids(), ids(), mtimes(), (entry, uid, gid, mtime) -> entry.withOwner(uid, gid).withMtime(mtime))
                .zip(sizes, devices, devices, (entry, size, major, minor) -> {
                    boolean device = entry.type() == TarEntry.Type.CHAR_DEVICE || entry.type() == TarEntry.Type.BLOCK_DEVICE;
                    return new TarEntry(entry.name(), entry.type(), entry.mode(), entry.uid(), entry.gid(),
                            entry.type() == TarEntry.Type.FILE ? size : 0, entry.mtime(), entry.linkName(),
                            device ? major : 0, device ? minor : 0);
                });
    }

    private static List<Member> withContent(List<TarEntry> entries) {
        List<Member> members = new ArrayList<>();
        Random random = new Random(entries.hashCode());
        for (TarEntry entry : entries) {
            byte[] content = new byte[(int) entry.size()];
            random.nextBytes(content);
            members.add(new Member(entry, content));
        }
        return members;
    }

    @Test
    void everyEntryAndItsContentComeBackUnchanged() {
        qt().forAll(lists().of(entries()).ofSizeBetween(1, 8)).checkAssert(entries -> {
            List<Member> written = withContent(entries);
            List<Member> read = readBack(Tars.tar(written));
            assertEquals(entries, read.stream().map(Member::entry).toList());
            for (int i = 0; i < written.size(); i++) {
                assertArrayEquals(written.get(i).content(), read.get(i).content(), "content of " + entries.get(i).name());
            }
        });
    }

    @Test
    void gzipArchivesAreRecognisedAndReadTheSame() {
        qt().withExamples(100).forAll(lists().of(entries()).ofSizeBetween(1, 5)).checkAssert(entries -> {
            byte[] plain = Tars.tar(withContent(entries));
            try (TarReader reader = new TarReader(new ByteArrayInputStream(Tars.gzip(plain)))) {
                assertEquals("gzip", reader.compression());
                assertEquals(entries, reader.entries());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theSameEntriesAlwaysGiveTheSameBytes() {
        qt().withExamples(100).forAll(lists().of(entries()).ofSizeBetween(1, 5)).checkAssert(entries -> {
            List<Member> members = withContent(entries);
            assertArrayEquals(Tars.tar(members), Tars.tar(members));
        });
    }

    @Test
    void aShortAsciiEntryNeedsNoPaxHeader() throws IOException {
        byte[] archive = Tars.tar(Member.file("etc/passwd", 0644, "root:x:0:0::/root:/bin/sh\n"));
        assertEquals(512 + 512 + 1024, archive.length, "header, one padded block of content, end marker");
        assertEquals('0', archive[156]);
        assertEquals("etc/passwd", new String(archive, 0, 10, StandardCharsets.US_ASCII));
        assertEquals("ustar\u000000", new String(archive, 257, 8, StandardCharsets.US_ASCII));
    }

    @Test
    void whatDoesNotFitTheHeaderGoesIntoOnePaxHeaderBeforeTheEntry() throws IOException {
        String longName = "usr/" + "a".repeat(120) + "/file";
        TarEntry entry = TarEntry.file(longName, 0644, 0).withOwner(3_000_000, 7)
                .withMtime(Instant.ofEpochSecond(1_700_000_000, 5));
        byte[] archive = Tars.tar(Member.of(entry));
        assertEquals('x', archive[156], "a PAX header comes first");
        String records = new String(archive, 512, 200, StandardCharsets.UTF_8);
        assertTrue(records.contains(" path=" + longName + "\n"), records);
        assertTrue(records.contains(" uid=3000000\n"), records);
        assertTrue(records.contains(" mtime=1700000000.000000005\n"), records);
        assertEquals(List.of(entry), Tars.list(archive));
    }

    @Test
    void theWriterRefusesContentThatDoesNotMatchTheSize() {
        IOException tooShort = assertThrows(IOException.class, () -> new TarWriter(new ByteArrayOutputStream())
                .write(TarEntry.file("bin/busybox", 0755, 10), new byte[4]));
        assertEquals("the content of tar entry bin/busybox ended after 4 of its 10 bytes"
                + " (did the file change while it was archived?)", tooShort.getMessage());
        IOException tooLong = assertThrows(IOException.class, () -> new TarWriter(new ByteArrayOutputStream())
                .write(TarEntry.file("f", 0644, 1), new byte[2]));
        assertEquals("the content of tar entry f is longer than its 1 bytes (did the file change while it was archived?)",
                tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TarWriter(new ByteArrayOutputStream())
                .write(new TarEntry("d", TarEntry.Type.DIRECTORY, 0755, 0, 0, 5, Instant.EPOCH, "", 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new TarWriter(new ByteArrayOutputStream())
                .write(TarEntry.file("", 0644, 0)));
    }

    private static List<Member> readBack(byte[] archive) {
        try {
            return Tars.read(archive);
        } catch (IOException e) {
            throw new AssertionError("could not read back what TarWriter wrote: " + e.getMessage(), e);
        }
    }
}
