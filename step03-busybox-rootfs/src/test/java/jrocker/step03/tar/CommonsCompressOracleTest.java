package jrocker.step03.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import jrocker.step03.testing.TarArchive.Member;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Step03's hand-written {@link TarReader} against an independent one, Apache Commons Compress: for random
 * archives, written by {@link TarWriter} or by Commons Compress in its GNU and POSIX modes, with long names,
 * PAX headers, names that are not UTF-8, symlinks, hard links and directories, both readers must see the
 * same entries: name bytes, type, size, mode, owner, link target and content.
 */
class CommonsCompressOracleTest {

    /** One entry as a reader saw it; names as hex of their bytes, so a difference shows which byte. */
    record Seen(String name, String type, long size, int mode, long uid, long gid, String linkName, String content) {
    }

    private enum Writer { JROCKER, COMMONS_GNU, COMMONS_POSIX }

    /** Components: ASCII, Unicode, bytes that are not UTF-8 (Latin-1 and random), and long ones. */
    private static Gen<byte[]> components() {
        Gen<byte[]> ascii = strings().betweenCodePoints('!', '~').ofLengthBetween(1, 12)
                .assuming(s -> !s.contains("/") && !s.equals(".") && !s.equals(".."))
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        Gen<byte[]> unicode = strings().betweenCodePoints(0xa1, 0x2fff).ofLengthBetween(1, 8)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> anyBytes = lists().of(integers().between(1, 255).assuming(b -> b != '/')).ofSizeBetween(1, 10)
                .map(CommonsCompressOracleTest::toBytes).assuming(b -> !isDotOrDotDot(b));
        Gen<byte[]> long60 = strings().betweenCodePoints('a', 'z').ofLengthBetween(40, 60)
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        return arbitrary().pick(List.of("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "bin".getBytes(StandardCharsets.US_ASCII)))
                .mix(ascii, 30).mix(unicode, 20).mix(anyBytes, 25).mix(long60, 15);
    }

    private static Gen<byte[]> names() {
        return lists().of(components()).ofSizeBetween(1, 5).map(parts -> {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                if (name.size() > 0) {
                    name.write('/');
                }
                name.writeBytes(part);
            }
            return name.toByteArray();
        });
    }

    private record Planned(byte[] name, TarEntry.Type type, int mode, long uid, long size, byte[] link) {
    }

    private static Gen<Planned> plannedEntries() {
        Gen<TarEntry.Type> types = arbitrary().pick(TarEntry.Type.FILE, TarEntry.Type.FILE, TarEntry.Type.DIRECTORY,
                TarEntry.Type.SYMLINK, TarEntry.Type.HARDLINK);
        Gen<Integer> sizes = integers().between(0, 1100).mix(arbitrary().pick(0, 511, 512, 513), 30);
        Gen<Long> uids = integers().between(0, 70000).map(Integer::longValue)
                .mix(arbitrary().pick(0L, 2_097_151L, 3_000_000L), 20);
        return types.zip(names(), names(), integers().between(0, 07777),
                (type, name, link, mode) -> new Planned(name, type, mode, 0, 0,
                        type == TarEntry.Type.SYMLINK || type == TarEntry.Type.HARDLINK ? link : new byte[0]))
                .zip(sizes, uids, (planned, size, uid) -> new Planned(planned.name(), planned.type(), planned.mode(), uid,
                        planned.type() == TarEntry.Type.FILE ? size : 0, planned.link()));
    }

    @Test
    void bothReadersSeeTheSameEntriesInRandomArchives() {
        qt().withExamples(300).forAll(lists().of(plannedEntries()).ofSizeBetween(1, 8),
                arbitrary().enumValues(Writer.class)).checkAssert((planned, writer) -> {
            List<byte[]> contents = contents(planned);
            byte[] archive = writer == Writer.JROCKER ? writeWithJrocker(planned, contents)
                    : writeWithCommons(planned, contents, writer == Writer.COMMONS_GNU);
            assertEquals(readWithCommons(archive), readWithJrocker(archive), "archive written by " + writer);
        });
    }

    /** The example the issue was about, written both ways: a Latin-1 name comes through byte for byte. */
    @Test
    void aLatin1NameIsTheSameBytesForBothReaders() {
        byte[] name = "etc/caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1);
        byte[] longName = ("usr/share/" + "x".repeat(100) + "/caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        List<Planned> planned = List.of(new Planned(name, TarEntry.Type.FILE, 0644, 0, 3, new byte[0]),
                new Planned(longName, TarEntry.Type.SYMLINK, 0777, 0, 0, longName));
        for (boolean gnu : List.of(true, false)) {
            byte[] archive = writeWithCommons(planned, contents(planned), gnu);
            assertEquals(readWithCommons(archive), readWithJrocker(archive));
        }
        List<Seen> seen = readWithJrocker(writeWithJrocker(planned, contents(planned)));
        assertEquals(HexFormat.of().formatHex(name), seen.get(0).name());
        assertEquals(HexFormat.of().formatHex(longName), seen.get(1).name());
        assertEquals(HexFormat.of().formatHex(longName), seen.get(1).linkName());
    }

    private static List<byte[]> contents(List<Planned> planned) {
        Random random = new Random(planned.size());
        List<byte[]> contents = new ArrayList<>();
        for (Planned entry : planned) {
            byte[] content = new byte[(int) entry.size()];
            random.nextBytes(content);
            contents.add(content);
        }
        return contents;
    }

    private static byte[] writeWithJrocker(List<Planned> planned, List<byte[]> contents) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned entry = planned.get(i);
            members.add(new Member(new TarEntry(FileNames.decode(entry.name()), entry.type(), entry.mode(), entry.uid(),
                    entry.uid(), entry.size(), Instant.ofEpochSecond(1_700_000_000), FileNames.decode(entry.link()), 0, 0),
                    contents.get(i)));
        }
        return Tars.tar(members);
    }

    /**
     * Commons Compress writes names with the encoding it is given: ISO-8859-1 makes each char one byte, so
     * a name's bytes go into the header (and a GNU long name) as they are. In POSIX mode, a name too long
     * for the header (or not ASCII) goes into a PAX record as UTF-8 of those chars; both readers must
     * then agree on that.
     */
    private static byte[] writeWithCommons(List<Planned> planned, List<byte[]> contents, boolean gnu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "ISO-8859-1")) {
            tar.setLongFileMode(gnu ? TarArchiveOutputStream.LONGFILE_GNU : TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(gnu ? TarArchiveOutputStream.BIGNUMBER_STAR : TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(!gnu);
            for (int i = 0; i < planned.size(); i++) {
                Planned entry = planned.get(i);
                String name = new String(entry.name(), StandardCharsets.ISO_8859_1);
                byte flag = switch (entry.type()) {
                    case DIRECTORY -> TarConstants.LF_DIR;
                    case SYMLINK -> TarConstants.LF_SYMLINK;
                    case HARDLINK -> TarConstants.LF_LINK;
                    default -> TarConstants.LF_NORMAL;
                };
                TarArchiveEntry header = new TarArchiveEntry(entry.type() == TarEntry.Type.DIRECTORY ? name + "/" : name,
                        flag, true);
                header.setMode(entry.mode());
                header.setUserId(entry.uid());
                header.setGroupId(entry.uid());
                header.setSize(entry.size());
                header.setModTime(1_700_000_000_000L);
                if (entry.link().length > 0) {
                    header.setLinkName(new String(entry.link(), StandardCharsets.ISO_8859_1));
                }
                tar.putArchiveEntry(header);
                tar.write(contents.get(i));
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Seen> readWithJrocker(byte[] archive) {
        List<Seen> seen = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                seen.add(new Seen(hex(FileNames.encode(entry.name())), entry.type().name(), entry.size(), entry.mode(),
                        entry.uid(), entry.gid(), hex(FileNames.encode(entry.linkName())),
                        hex(reader.content().readAllBytes())));
            }
        } catch (IOException e) {
            throw new AssertionError("jrocker's reader failed: " + e.getMessage(), e);
        }
        return seen;
    }

    /**
     * Commons Compress decodes header names with the encoding it is given, but PAX records always as UTF-8.
     * Read twice, as ISO-8859-1 (a char per byte) and as UTF-8: a name that reads the same both ways came
     * from UTF-8 (or ASCII), and its bytes are its UTF-8; one that differs came from header bytes, which the
     * ISO-8859-1 reading holds one for one.
     */
    private static List<Seen> readWithCommons(byte[] archive) {
        List<TarArchiveEntry> latin1 = commonsEntries(archive, "ISO-8859-1", null);
        List<byte[]> contents = new ArrayList<>();
        List<TarArchiveEntry> utf8 = commonsEntries(archive, "UTF-8", contents);
        List<Seen> seen = new ArrayList<>();
        for (int i = 0; i < latin1.size(); i++) {
            TarArchiveEntry entry = latin1.get(i);
            String type = entry.isSymbolicLink() ? "SYMLINK" : entry.isLink() ? "HARDLINK"
                    : entry.isDirectory() ? "DIRECTORY" : entry.isFile() ? "FILE" : "OTHER";
            String name = bytesOf(entry.getName(), utf8.get(i).getName());
            if (type.equals("DIRECTORY")) {
                name = name.replaceAll("(2f)+$", ""); // the trailing slash, as hex
            }
            seen.add(new Seen(name, type, type.equals("FILE") ? entry.getSize() : 0, entry.getMode() & 07777,
                    entry.getLongUserId(), entry.getLongGroupId(), bytesOf(entry.getLinkName(), utf8.get(i).getLinkName()),
                    hex(contents.get(i))));
        }
        return seen;
    }

    private static List<TarArchiveEntry> commonsEntries(byte[] archive, String encoding, List<byte[]> contents) {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive), encoding)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry);
                if (contents != null) {
                    contents.add(tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("Commons Compress failed: " + e.getMessage(), e);
        }
        return entries;
    }

    private static String bytesOf(String asLatin1, String asUtf8) {
        return hex(asLatin1.equals(asUtf8) ? asUtf8.getBytes(StandardCharsets.UTF_8)
                : asLatin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] toBytes(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) values.get(i);
        }
        return bytes;
    }

    private static boolean isDotOrDotDot(byte[] component) {
        return component.length == 1 && component[0] == '.' || component.length == 2 && component[0] == '.' && component[1] == '.';
    }
}
