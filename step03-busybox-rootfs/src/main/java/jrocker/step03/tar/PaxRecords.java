package jrocker.step03.tar;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSIX.1-2001 ("pax") extended header records: the content of a typeflag {@code x} entry is a list of
 * {@code "<length> <key>=<value>\n"} lines whose values override the next header's fields. That is how a
 * tar holds names longer than 100 bytes, files of 8 GiB and more, and sub-second mtimes. The length counts
 * the whole line, its own digits included.
 */
final class PaxRecords {
    /** The keys this project uses; others (atime, uname, SCHILY.xattr.*, ...) are read and ignored. */
    static final String PATH = "path";
    static final String LINKPATH = "linkpath";
    static final String SIZE = "size";
    static final String UID = "uid";
    static final String GID = "gid";
    static final String MTIME = "mtime";

    private PaxRecords() {
    }

    /** Parse the content of an extended header that starts at {@code offset} in the archive. */
    static Map<String, String> parse(byte[] data, long offset) throws TarFormatException {
        Map<String, String> records = new LinkedHashMap<>();
        int position = 0;
        while (position < data.length && data[position] != 0) { // some writers pad the content with NULs
            int space = position;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && space - position < 9) {
                space++;
            }
            if (space == position || space >= data.length || data[space] != ' ') {
                throw bad(offset, position);
            }
            int length = Integer.parseInt(new String(data, position, space - position, StandardCharsets.US_ASCII));
            int end = position + length;
            if (end > data.length || end <= space + 1 || data[end - 1] != '\n') {
                throw bad(offset, position);
            }
            // Values are UTF-8 by the standard, but a writer that met a name that is not (GNU tar) says
            // hdrcharset=BINARY and writes its bytes as they are: decoded as names are, both come out exact.
            String record = FileNames.decode(data, space + 1, end - 1 - (space + 1));
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw bad(offset, position);
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            position = end;
        }
        return records;
    }

    /** Encode {@code records} in the order given, so the same entry always gives the same bytes. */
    static byte[] format(Map<String, String> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> record : records.entrySet()) {
            byte[] keyValue = FileNames.encode(record.getKey() + "=" + record.getValue());
            int withoutLength = keyValue.length + 2; // a space before, a newline after
            int length = withoutLength + Integer.toString(withoutLength).length();
            if (Integer.toString(length).length() > Integer.toString(withoutLength).length()) {
                length++; // adding the digits made the number one digit longer (e.g. 98 -> 100)
            }
            out.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(keyValue);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A decimal number of at most 18 digits (sizes, uids), or an error naming the record. */
    static long parseNumber(String key, String value, String entryName) throws TarFormatException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new TarFormatException("corrupt tar: PAX record " + key + "=" + value + " of entry " + entryName
                    + " is not a whole number");
        }
        return Long.parseLong(value);
    }

    /** Seconds since 1970 with an optional fraction ("1700000000.123456789", "-1.5"), to the nanosecond. */
    static Instant parseTime(String value, String entryName) throws TarFormatException {
        // Checked before BigDecimal sees it: "1e999999999" would be a valid, and very slow, BigDecimal.
        if (!value.matches("-?[0-9]{1,12}(\\.[0-9]{0,30})?")) {
            throw new TarFormatException("corrupt tar: PAX record mtime=" + value + " of entry " + entryName
                    + " is not a time in seconds");
        }
        BigDecimal seconds = new BigDecimal(value);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    static String formatTime(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static TarFormatException bad(long offset, int position) {
        return new TarFormatException("corrupt tar: bad PAX record at byte " + position
                + " of the extended header at offset " + offset);
    }
}
