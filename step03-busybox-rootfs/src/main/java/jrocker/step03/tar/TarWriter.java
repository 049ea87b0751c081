package jrocker.step03.tar;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a tar archive in the POSIX ustar format, adding a PAX extended header before an entry whose name,
 * link target, size, owner or mtime does not fit the ustar fields. GNU tar, bsdtar, Go (so Docker) and
 * {@link TarReader} all read it.
 *
 * <p>The output is deterministic: the same entries and content always give the same bytes. Nothing about
 * the writing host, process or clock goes into the archive (no user names, no PIDs in PAX header names, no
 * "now"); that is what makes a generated root filesystem reproducible and comparable by checksum.
 *
 * <p>Typical use: {@code try (TarWriter tar = new TarWriter(out)) { tar.write(entry, content); ... }}.
 * {@link #close()} writes the end-of-archive marker and closes {@code out}.
 */
public final class TarWriter implements Closeable {
    private static final int BLOCK = UstarHeader.BLOCK_SIZE;
    /** The largest mtime the 12-byte octal field holds: 8^11 - 1 seconds, in the year 2242. */
    private static final long MAX_OCTAL_TIME = (1L << 33) - 1;
    /** The name GNU tar gives its long name entries; readers know them by their type, L or K. */
    private static final String GNU_LONG_NAME = "././@LongLink";

    private final OutputStream out;
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Write an entry without content: a directory, a link, an empty file, a device... */
    public void write(TarEntry entry) throws IOException {
        write(entry, InputStream.nullInputStream());
    }

    public void write(TarEntry entry, byte[] content) throws IOException {
        write(entry, new ByteArrayInputStream(content));
    }

    /**
     * Write {@code entry} followed by {@code content}, which must hold exactly {@code entry.size()} bytes:
     * the header promised that many, and an archive that breaks the promise cannot be read back.
     */
    public void write(TarEntry entry, InputStream content) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is already finished; cannot add " + entry.name());
        }
        checkWritable(entry);
        writeGnuLongName('L', nameInArchive(entry), entry);
        writeGnuLongName('K', entry.linkName(), entry);
        Map<String, String> pax = paxRecordsFor(entry);
        if (!pax.isEmpty()) {
            byte[] records = PaxRecords.format(pax);
            writeHeader(new UstarHeader(paxHeaderName(entry.name()), 'x', 0644, 0, 0, records.length,
                    headerTime(entry.mtime()), "", 0, 0));
            writePadded(records, records.length);
        }
        writeHeader(new UstarHeader(nameInArchive(entry), entry.type().flag(), entry.mode(), entry.uid(),
                entry.gid(), entry.size(), headerTime(entry.mtime()), entry.linkName(), entry.devMajor(),
                entry.devMinor()));
        copyContent(entry, content);
    }

    /** Write the end-of-archive marker (two zero blocks), without closing the stream. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(new byte[2 * BLOCK]);
            out.flush();
            finished = true;
        }
    }

    /** {@link #finish()}, then close the output stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private static void checkWritable(TarEntry entry) {
        if (entry.name().isEmpty() || entry.name().indexOf('\0') >= 0 || entry.linkName().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("cannot write tar entry \"" + entry.name()
                    + "\": names must be non-empty and contain no NUL byte");
        }
        if (entry.type() == TarEntry.Type.OTHER) {
            throw new IllegalArgumentException("cannot write tar entry " + entry.name() + " of type OTHER");
        }
        if (entry.size() != 0 && entry.type() != TarEntry.Type.FILE) {
            throw new IllegalArgumentException("cannot write tar entry " + entry.name() + ": a " + entry.type()
                    + " has no content, but its size is " + entry.size());
        }
    }

    /**
     * A name too long for its field goes in a PAX record, whose values are UTF-8 by the standard. A name whose
     * bytes are not UTF-8 (a Latin-1 {@code caf\xe9}) goes in a GNU long name entry instead ({@code L} for the
     * name, {@code K} for a link target): its content is the bytes as they are, and every reader knows it
     * (GNU tar, bsdtar, busybox, Go).
     */
    private void writeGnuLongName(char typeFlag, String name, TarEntry entry) throws IOException {
        byte[] bytes = FileNames.encode(name);
        if (bytes.length <= UstarHeader.MAX_NAME_BYTES || FileNames.isUtf8(name)) {
            return;
        }
        byte[] content = java.util.Arrays.copyOf(bytes, bytes.length + 1); // NUL-terminated, as GNU tar writes it
        writeHeader(new UstarHeader(GNU_LONG_NAME, typeFlag, 0644, 0, 0, content.length,
                headerTime(entry.mtime()), "", 0, 0));
        writePadded(content, content.length);
    }

    /** The records for what does not fit the ustar header, in a fixed order (deterministic output). */
    private static Map<String, String> paxRecordsFor(TarEntry entry) {
        Map<String, String> pax = new LinkedHashMap<>();
        if (needsPax(nameInArchive(entry))) {
            pax.put(PaxRecords.PATH, nameInArchive(entry));
        }
        if (needsPax(entry.linkName())) {
            pax.put(PaxRecords.LINKPATH, entry.linkName());
        }
        if (!UstarHeader.fitsOctalSize(entry.size())) {
            pax.put(PaxRecords.SIZE, Long.toString(entry.size()));
        }
        if (!UstarHeader.fitsOctalId(entry.uid())) {
            pax.put(PaxRecords.UID, Long.toString(entry.uid()));
        }
        if (!UstarHeader.fitsOctalId(entry.gid())) {
            pax.put(PaxRecords.GID, Long.toString(entry.gid()));
        }
        Instant mtime = entry.mtime();
        if (mtime.getNano() != 0 || mtime.getEpochSecond() < 0 || mtime.getEpochSecond() > MAX_OCTAL_TIME) {
            pax.put(PaxRecords.MTIME, PaxRecords.formatTime(mtime));
        }
        return pax;
    }

    /** Tar marks a directory with a trailing slash ({@link TarReader} takes it off again). */
    private static String nameInArchive(TarEntry entry) {
        return entry.type() == TarEntry.Type.DIRECTORY && !entry.name().endsWith("/") ? entry.name() + "/"
                : entry.name();
    }

    /**
     * The name of the PAX header entry itself, seen only by tools that do not know PAX (they extract it as
     * a file). Go and GNU tar put a PID or a counter in it; a constant keeps the output deterministic.
     */
    private static String paxHeaderName(String entryName) {
        String base = entryName.replaceAll("/+$", "");
        base = base.substring(base.lastIndexOf('/') + 1);
        String name = "PaxHeaders/" + base;
        while (byteLength(name) > UstarHeader.MAX_NAME_BYTES) {
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1)); // never half a character
        }
        return name;
    }

    /** Whole seconds for the header; a fraction, if any, is in the PAX mtime record. */
    private static long headerTime(Instant mtime) {
        return mtime.getEpochSecond();
    }

    private void writeHeader(UstarHeader header) throws IOException {
        out.write(header.toBlock());
    }

    private void copyContent(TarEntry entry, InputStream content) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long written = 0;
        while (written < entry.size()) {
            int got = content.read(buffer, 0, (int) Math.min(buffer.length, entry.size() - written));
            if (got < 0) {
                throw new IOException("the content of tar entry " + entry.name() + " ended after " + written
                        + " of its " + entry.size() + " bytes (did the file change while it was archived?)");
            }
            out.write(buffer, 0, got);
            written += got;
        }
        if (content.read() >= 0) {
            throw new IOException("the content of tar entry " + entry.name() + " is longer than its "
                    + entry.size() + " bytes (did the file change while it was archived?)");
        }
        out.write(new byte[(int) ((BLOCK - entry.size() % BLOCK) % BLOCK)]);
    }

    private void writePadded(byte[] data, int length) throws IOException {
        out.write(data, 0, length);
        out.write(new byte[(BLOCK - length % BLOCK) % BLOCK]);
    }

    private static boolean needsPax(String name) {
        return byteLength(name) > UstarHeader.MAX_NAME_BYTES && FileNames.isUtf8(name);
    }

    private static int byteLength(String name) {
        return FileNames.encode(name).length;
    }
}
