package jrocker.step03.tar;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a tar archive as a stream: {@link #next()} returns one entry after the other, and
 * {@link #content()} the bytes of the current one. Nothing is read ahead or kept, so a 1 GB image layer
 * costs no more memory than a small one. A gzip-compressed archive (it starts with the bytes 1f 8b) is
 * decompressed on the way.
 *
 * <p>A tar is a sequence of 512-byte blocks: a header, then the entry's content padded to a whole block,
 * then the next header... Three extensions make room for what a header cannot hold, and this reader
 * understands them all, because {@code docker export}, GNU tar and Go's archive/tar each use one:
 * <ul>
 *   <li>PAX extended headers (typeflag {@code x}): path, linkpath, size, mtime, uid and gid of the next
 *       entry. Global ones ({@code g}) are skipped: no real image relies on them.</li>
 *   <li>GNU long names ({@code L}) and long link targets ({@code K}).</li>
 *   <li>GNU base-256 numbers, for values too big for the octal fields.</li>
 * </ul>
 *
 * <p><b>Where an archive ends.</b> POSIX ends an archive with two zero blocks. Like GNU tar and Go, we also
 * accept one zero block followed by the end of the input. We do <em>not</em> accept an input that simply
 * stops after an entry: a download cut at a block boundary would otherwise unpack as a smaller, silently
 * incomplete root filesystem. Whatever follows the end marker (GNU tar pads archives to 10 KiB) is not read.
 * Every other early end is a {@link TarFormatException} that names the entry and offset.
 */
public final class TarReader implements Closeable {
    /** Extended headers and long names are held in memory: a bigger one is an attack, not a file name. */
    static final int MAX_METADATA_SIZE = 1 << 20;

    private static final int BLOCK = UstarHeader.BLOCK_SIZE;

    private final InputStream in;
    private final String compression;
    private long offset; // bytes of (decompressed) tar consumed so far, for error messages
    private TarEntry current;
    private long remaining; // content bytes of the current entry not yet read
    private boolean ended;

    /** Read {@code archive}, plain or gzip-compressed. Closing this reader closes {@code archive}. */
    public TarReader(InputStream archive) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(archive, 1 << 16);
        this.compression = Compression.detect(buffered);
        this.in = compression.equals("gzip") ? gunzip(buffered) : buffered;
    }

    private static InputStream gunzip(InputStream compressed) throws IOException {
        try {
            return new GZIPInputStream(compressed, 1 << 16); // reads the gzip header already
        } catch (EOFException e) {
            throw new TarFormatException("truncated gzip: the input ends inside the gzip header");
        } catch (ZipException e) {
            throw new TarFormatException("corrupt gzip header: " + e.getMessage());
        }
    }

    public static TarReader open(Path archive) throws IOException {
        return new TarReader(Files.newInputStream(archive));
    }

    /** All entries of {@code archive}, without their content: what {@code tar -tv} shows. */
    public static List<TarEntry> list(Path archive) throws IOException {
        try (TarReader reader = open(archive)) {
            return reader.entries();
        }
    }

    /** The remaining entries, their content skipped. */
    public List<TarEntry> entries() throws IOException {
        List<TarEntry> entries = new ArrayList<>();
        for (TarEntry entry = next(); entry != null; entry = next()) {
            entries.add(entry);
        }
        return entries;
    }

    /** "gzip" or "none". */
    public String compression() {
        return compression;
    }

    /**
     * The next entry, or null at the end of the archive. The unread content of the previous entry is
     * skipped (and must still be all there: a truncated archive fails here too).
     */
    public TarEntry next() throws IOException {
        skipRestOfEntry();
        if (ended) {
            return null;
        }
        ExtendedHeader extended = new ExtendedHeader();
        while (true) {
            long headerOffset = offset;
            byte[] block = readHeaderBlock();
            if (UstarHeader.isZeroBlock(block)) {
                checkEndOfArchive(headerOffset, extended);
                ended = true;
                current = null;
                return null;
            }
            UstarHeader header = UstarHeader.parse(block, headerOffset);
            switch (header.typeFlag()) {
                case 'x' -> extended.pax = PaxRecords.parse(readMetadata(header, headerOffset), headerOffset);
                case 'g' -> skip(header.size() + padding(header.size()), "global extended header", headerOffset);
                case 'L' -> extended.longName = cString(readMetadata(header, headerOffset));
                case 'K' -> extended.longLinkName = cString(readMetadata(header, headerOffset));
                default -> {
                    current = extended.entryFor(header, headerOffset);
                    remaining = current.size();
                    return current;
                }
            }
        }
    }

    /**
     * The content of the entry last returned by {@link #next()}: exactly {@code size} bytes, then end of
     * stream. Reading it is optional; closing it does nothing.
     */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int from, int length) throws IOException {
                if (current == null || remaining == 0) {
                    return -1;
                }
                if (length == 0) {
                    return 0; // InputStream's contract (readAllBytes asks for 0 bytes when its buffer is full)
                }
                int wanted = (int) Math.min(length, remaining);
                int got = readSome(buffer, from, wanted);
                if (got <= 0) {
                    throw truncatedInContent();
                }
                remaining -= got;
                return got;
            }
        };
    }

    /** Bytes of the (decompressed) archive consumed so far. */
    public long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void skipRestOfEntry() throws IOException {
        if (current == null) {
            return;
        }
        byte[] buffer = new byte[8192];
        while (remaining > 0) {
            int got = readSome(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (got <= 0) {
                throw truncatedInContent();
            }
            remaining -= got;
        }
        long padding = padding(current.size());
        if (readFully(new byte[(int) padding]) < padding) {
            throw new TarFormatException("truncated tar: the archive ends in the padding after entry "
                    + current.name() + " (offset " + offset + ")");
        }
        current = null;
    }

    private TarFormatException truncatedInContent() {
        return new TarFormatException("truncated tar: entry " + current.name() + " ends after "
                + (current.size() - remaining) + " of " + current.size() + " bytes");
    }

    private byte[] readHeaderBlock() throws IOException {
        long headerOffset = offset;
        byte[] block = new byte[BLOCK];
        int got = readFully(block);
        if (got == 0 && headerOffset == 0) {
            throw new TarFormatException("not a tar archive: the input is empty");
        }
        if (got == 0) {
            throw new TarFormatException("truncated tar: the archive ends at offset " + headerOffset
                    + " without an end-of-archive marker (two zero blocks)");
        }
        if (got < BLOCK) {
            throw new TarFormatException("truncated tar: the header at offset " + headerOffset + " ends after "
                    + got + " of " + BLOCK + " bytes");
        }
        return block;
    }

    // The first zero block was just read. The second must follow, or the input must end there.
    private void checkEndOfArchive(long firstZeroBlock, ExtendedHeader extended) throws IOException {
        if (extended.isPending()) {
            throw new TarFormatException("corrupt tar: the archive ends at offset " + firstZeroBlock
                    + " right after an extended header, without the entry it describes");
        }
        byte[] second = new byte[BLOCK];
        int got = readFully(second);
        if (got == 0 || got == BLOCK && UstarHeader.isZeroBlock(second)) {
            return;
        }
        if (got < BLOCK) {
            throw new TarFormatException("truncated tar: the end-of-archive marker at offset " + firstZeroBlock
                    + " is cut off");
        }
        throw new TarFormatException("corrupt tar: a single zero block at offset " + firstZeroBlock
                + " is followed by more data (two concatenated archives?)");
    }

    /** The content of a PAX header or GNU long name, which is metadata about the next entry. */
    private byte[] readMetadata(UstarHeader header, long headerOffset) throws IOException {
        if (header.size() > MAX_METADATA_SIZE) {
            throw new TarFormatException("corrupt tar: the extended header at offset " + headerOffset + " claims "
                    + header.size() + " bytes (more than " + MAX_METADATA_SIZE + ")");
        }
        byte[] data = new byte[(int) header.size()];
        int got = readFully(data);
        if (got < data.length) {
            throw new TarFormatException("truncated tar: the extended header at offset " + headerOffset
                    + " ends after " + got + " of " + data.length + " bytes");
        }
        skip(padding(data.length), "padding of the extended header", headerOffset);
        return data;
    }

    private void skip(long count, String what, long headerOffset) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = count; left > 0; ) {
            int got = readSome(buffer, 0, (int) Math.min(buffer.length, left));
            if (got <= 0) {
                throw new TarFormatException("truncated tar: the " + what + " at offset " + headerOffset
                        + " is cut off");
            }
            left -= got;
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /** A GNU long name: bytes up to the first NUL, kept exactly ({@link FileNames}). */
    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return FileNames.decode(data, 0, end);
    }

    /** Fill {@code buffer} as far as the input allows; returns the count read (less only at the end). */
    private int readFully(byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int got = readSome(buffer, total, buffer.length - total);
            if (got <= 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    // The one place that reads the input. A gzip stream that stops early throws EOFException; that is the
    // same thing as a short read here, so the messages about truncation stay the same for .tar and .tar.gz.
    private int readSome(byte[] buffer, int from, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int got;
        try {
            got = in.read(buffer, from, length);
        } catch (EOFException endOfCompressedData) {
            return -1;
        } catch (ZipException corrupt) {
            throw new TarFormatException("corrupt gzip data at tar offset " + offset + ": " + corrupt.getMessage());
        }
        if (got > 0) {
            offset += got;
        }
        return got;
    }

    /** What PAX headers and GNU long names said about the entry whose header comes next. */
    private static final class ExtendedHeader {
        private Map<String, String> pax = Map.of();
        private String longName;
        private String longLinkName;

        boolean isPending() {
            return !pax.isEmpty() || longName != null || longLinkName != null;
        }

        TarEntry entryFor(UstarHeader header, long headerOffset) throws TarFormatException {
            String name = text(PaxRecords.PATH, longName != null ? longName : header.name());
            String linkName = text(PaxRecords.LINKPATH, longLinkName != null ? longLinkName : header.linkName());
            if (pax.keySet().stream().anyMatch(key -> key.startsWith("GNU.sparse.")) || header.typeFlag() == 'S') {
                throw new TarFormatException("unsupported tar: entry " + name + " is a GNU sparse file"
                        + " (re-create the archive without --sparse)");
            }
            TarEntry.Type type = typeOf(header.typeFlag(), name);
            long size = number(PaxRecords.SIZE, header.size(), name);
            long uid = number(PaxRecords.UID, header.uid(), name);
            long gid = number(PaxRecords.GID, header.gid(), name);
            String paxMtime = text(PaxRecords.MTIME, null);
            Instant mtime = paxMtime != null ? PaxRecords.parseTime(paxMtime, name)
                    : epochSeconds(header.mtime(), name, headerOffset);
            if (uid > 0xffff_fffeL || gid > 0xffff_fffeL) {
                throw new TarFormatException("corrupt tar: entry " + name + " has uid " + uid + " and gid " + gid
                        + ", beyond Linux's 32-bit ids");
            }
            if (type != TarEntry.Type.FILE && type != TarEntry.Type.OTHER) {
                // Links, directories, devices and FIFOs have no content, whatever their size field says
                // (POSIX leaves it unspecified; GNU tar and Go both read nothing).
                size = 0;
            }
            if (type == TarEntry.Type.DIRECTORY) {
                name = withoutTrailingSlashes(name);
            }
            return new TarEntry(name, type, header.mode(), uid, gid, size, mtime, linkName,
                    header.devMajor(), header.devMinor());
        }

        // An empty PAX value means "no override" (POSIX: it deletes the key).
        private String text(String key, String fromHeader) {
            String value = pax.get(key);
            return value == null || value.isEmpty() ? fromHeader : value;
        }

        private long number(String key, long fromHeader, String name) throws TarFormatException {
            String value = pax.get(key);
            return value == null || value.isEmpty() ? fromHeader : PaxRecords.parseNumber(key, value, name);
        }

        private static Instant epochSeconds(long seconds, String name, long headerOffset) throws TarFormatException {
            try {
                return Instant.ofEpochSecond(seconds);
            } catch (DateTimeException e) {
                throw new TarFormatException("corrupt tar: entry " + name + " at offset " + headerOffset
                        + " has an impossible mtime " + seconds);
            }
        }

        private static TarEntry.Type typeOf(char flag, String name) {
            return switch (flag) {
                case '0', '7' -> TarEntry.Type.FILE; // '7' is "contiguous file": a plain file everywhere
                // Before ustar, a NUL typeflag meant a file, and a trailing slash a directory.
                case '\0' -> name.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
                case '1' -> TarEntry.Type.HARDLINK;
                case '2' -> TarEntry.Type.SYMLINK;
                case '3' -> TarEntry.Type.CHAR_DEVICE;
                case '4' -> TarEntry.Type.BLOCK_DEVICE;
                case '5' -> TarEntry.Type.DIRECTORY;
                case '6' -> TarEntry.Type.FIFO;
                default -> TarEntry.Type.OTHER;
            };
        }

        private static String withoutTrailingSlashes(String name) {
            String trimmed = name;
            while (trimmed.length() > 1 && trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed;
        }
    }

    /** Recognises compressed input by its first bytes ("magic numbers"). */
    private static final class Compression {
        private static final byte[] GZIP = {0x1f, (byte) 0x8b};
        private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
        private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
        // Not bzip2: its magic "BZh" is also how a plain tar whose first file is named "BZh..." starts.
        // A bzip2 file is then reported as "not a tar archive".

        static String detect(BufferedInputStream in) throws IOException {
            in.mark(8);
            byte[] start = new byte[6];
            int got = 0;
            while (got < start.length) {
                int n = in.read(start, got, start.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            in.reset();
            if (startsWith(start, got, GZIP)) {
                return "gzip";
            }
            String unsupported = startsWith(start, got, XZ) ? "xz"
                    : startsWith(start, got, ZSTD) ? "zstd" : null;
            if (unsupported != null) {
                throw new TarFormatException("this archive is " + unsupported + "-compressed; only plain and gzip"
                        + " tars are read: decompress it first (e.g. " + unsupported + " -d FILE)");
            }
            return "none";
        }

        private static boolean startsWith(byte[] start, int length, byte[] magic) {
            return length >= magic.length && Arrays.equals(start, 0, magic.length, magic, 0, magic.length);
        }
    }
}
