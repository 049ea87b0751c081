package jrocker.step03.tar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One 512-byte header block of a tar archive, in the POSIX ustar layout (which GNU tar also uses, with a
 * different magic). Every field has a fixed place and width; numbers are written in octal ASCII, which is
 * why a plain header cannot hold a file of 8 GiB or a name of 101 bytes: {@link PaxRecords} carry those.
 *
 * <p>This class only encodes and decodes the block; {@link TarReader} and {@link TarWriter} decide what the
 * fields mean together.
 *
 * @param mtime seconds since 1970; the sub-second part, if any, travels in a PAX record
 */
record UstarHeader(String name, char typeFlag, int mode, long uid, long gid, long size, long mtime,
                   String linkName, int devMajor, int devMinor) {

    static final int BLOCK_SIZE = 512;

    // Offsets and widths of the fields (POSIX.1-1988, "ustar Interchange Format").
    private static final int NAME = 0;
    private static final int NAME_WIDTH = 100;
    private static final int MODE = 100;
    private static final int UID = 108;
    private static final int GID = 116;
    private static final int SIZE = 124;
    private static final int MTIME = 136;
    private static final int CHECKSUM = 148;
    private static final int TYPEFLAG = 156;
    private static final int LINKNAME = 157;
    private static final int MAGIC = 257;
    private static final int DEVMAJOR = 329;
    private static final int DEVMINOR = 337;
    private static final int PREFIX = 345;
    private static final int PREFIX_WIDTH = 155;

    /** POSIX writes "ustar\0" + "00"; GNU tar writes "ustar  \0". Only the POSIX kind has a name prefix. */
    private static final byte[] POSIX_MAGIC = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);

    /** The longest name (or link target) that fits in its field, in bytes. */
    static final int MAX_NAME_BYTES = NAME_WIDTH;

    /** Two all-zero blocks end an archive. */
    static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decode {@code block}, which starts at {@code offset} in the archive (for error messages). The checksum
     * is checked first: it is the only thing that tells a header from random bytes.
     */
    static UstarHeader parse(byte[] block, long offset) throws TarFormatException {
        if (!checksumMatches(block)) {
            throw new TarFormatException(offset == 0
                    ? "not a tar archive: bad header checksum at offset 0"
                    : "corrupt tar: bad header checksum at offset " + offset);
        }
        String name = text(block, NAME, NAME_WIDTH);
        if (Arrays.equals(block, MAGIC, MAGIC + POSIX_MAGIC.length, POSIX_MAGIC, 0, POSIX_MAGIC.length)) {
            String prefix = text(block, PREFIX, PREFIX_WIDTH);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        Numbers numbers = new Numbers(block, offset);
        return new UstarHeader(name, (char) (block[TYPEFLAG] & 0xff),
                (int) (numbers.read(MODE, 8, "mode") & 07777),
                numbers.read(UID, 8, "uid"),
                numbers.read(GID, 8, "gid"),
                numbers.read(SIZE, 12, "size"),
                numbers.read(MTIME, 12, "mtime"),
                text(block, LINKNAME, NAME_WIDTH),
                (int) numbers.read(DEVMAJOR, 8, "devmajor"),
                (int) numbers.read(DEVMINOR, 8, "devminor"));
    }

    /**
     * Encode this header. Names longer than their field are cut (the writer puts the whole name in a PAX
     * record before this header); numbers too big for octal use GNU's base-256 form.
     */
    byte[] toBlock() {
        byte[] block = new byte[BLOCK_SIZE];
        putText(block, NAME, NAME_WIDTH, name);
        putNumber(block, MODE, 8, mode);
        putNumber(block, UID, 8, uid);
        putNumber(block, GID, 8, gid);
        putNumber(block, SIZE, 12, size);
        putNumber(block, MTIME, 12, mtime);
        block[TYPEFLAG] = (byte) typeFlag;
        putText(block, LINKNAME, NAME_WIDTH, linkName);
        System.arraycopy(POSIX_MAGIC, 0, block, MAGIC, POSIX_MAGIC.length);
        putNumber(block, DEVMAJOR, 8, devMajor);
        putNumber(block, DEVMINOR, 8, devMinor);
        // The checksum is computed with its own field full of spaces, then written as 6 digits, NUL, space.
        Arrays.fill(block, CHECKSUM, CHECKSUM + 8, (byte) ' ');
        String checksum = String.format("%06o", unsignedSum(block));
        System.arraycopy(checksum.getBytes(StandardCharsets.US_ASCII), 0, block, CHECKSUM, 6);
        block[CHECKSUM + 6] = 0;
        return block;
    }

    /** True when an octal number fits a field of {@code width} bytes (digits plus a terminating NUL). */
    static boolean fitsOctal(long value, int width) {
        return value >= 0 && value < 1L << (3 * (width - 1));
    }

    static boolean fitsOctalSize(long value) {
        return fitsOctal(value, 12);
    }

    static boolean fitsOctalId(long value) {
        return fitsOctal(value, 8);
    }

    // The sum of all header bytes, the checksum field counted as spaces. Some old writers summed signed
    // bytes, so both sums are accepted, as GNU tar does.
    private static boolean checksumMatches(byte[] block) {
        // tag::exercise-tar-checksum[]
        long stored;
        try {
            stored = new Numbers(block, 0).read(CHECKSUM, 8, "checksum");
        } catch (TarFormatException notANumber) {
            return false;
        }
        return stored == unsignedSum(block) || stored == signedSum(block);
        // end::exercise-tar-checksum[]
    }

    private static long unsignedSum(byte[] block) {
        // tag::exercise-tar-checksum[]
        long sum = 0;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            sum += i >= CHECKSUM && i < CHECKSUM + 8 ? ' ' : block[i] & 0xff;
        }
        return sum;
        // end::exercise-tar-checksum[]
    }

    private static long signedSum(byte[] block) {
        // tag::exercise-tar-checksum[]
        long sum = 0;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            sum += i >= CHECKSUM && i < CHECKSUM + 8 ? ' ' : block[i];
        }
        return sum;
        // end::exercise-tar-checksum[]
    }

    /** A NUL-terminated (or field-filling) name. Names are bytes in tar, kept exactly ({@link FileNames}). */
    private static String text(byte[] block, int offset, int width) {
        int end = offset;
        while (end < offset + width && block[end] != 0) {
            end++;
        }
        return FileNames.decode(block, offset, end - offset);
    }

    private static void putText(byte[] block, int offset, int width, String value) {
        byte[] bytes = FileNames.encode(value);
        System.arraycopy(bytes, 0, block, offset, Math.min(bytes.length, width));
    }

    private static void putNumber(byte[] block, int offset, int width, long value) {
        if (fitsOctal(value, width)) {
            String digits = String.format("%0" + (width - 1) + "o", value);
            System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, block, offset, width - 1);
            block[offset + width - 1] = 0;
            return;
        }
        // GNU base-256: big-endian two's complement over the whole field, marked by the first byte's high
        // bit (0x80 for a positive number, 0xff for a negative one).
        long rest = value;
        for (int i = offset + width - 1; i > offset; i--) {
            block[i] = (byte) rest;
            rest >>= 8;
        }
        block[offset] = (byte) (value < 0 ? 0xff : 0x80);
    }

    /** Reads the numeric fields of one header, naming the field and the header's offset when one is bad. */
    private record Numbers(byte[] block, long headerOffset) {

        long read(int offset, int width, String field) throws TarFormatException {
            return (block[offset] & 0x80) != 0 ? base256(offset, width, field) : octal(offset, width, field);
        }

        // Octal ASCII, possibly padded with spaces or NULs on either side ("0000644\0", "   644 ").
        private long octal(int offset, int width, String field) throws TarFormatException {
            int i = offset;
            int end = offset + width;
            while (i < end && (block[i] == ' ' || block[i] == 0)) {
                i++;
            }
            long value = 0;
            while (i < end && block[i] >= '0' && block[i] <= '7') {
                value = value * 8 + (block[i] - '0'); // at most 11 digits: cannot overflow a long
                i++;
            }
            while (i < end && (block[i] == ' ' || block[i] == 0)) {
                i++;
            }
            if (i != end) {
                throw bad(offset, width, field);
            }
            return value;
        }

        // GNU base-256 (also read by Go, bsdtar): 0x80 starts a positive number, 0xff a negative one.
        // Negative numbers are inverted, read as positive, and inverted back (as Go's archive/tar does).
        private long base256(int offset, int width, String field) throws TarFormatException {
            int invert = (block[offset] & 0x40) != 0 ? 0xff : 0;
            long value = 0;
            for (int i = 0; i < width; i++) {
                int b = (block[offset + i] & 0xff) ^ invert;
                if (i == 0) {
                    b &= 0x7f;
                }
                if (value >>> 55 != 0) {
                    throw bad(offset, width, field); // would not fit a long
                }
                value = value << 8 | b;
            }
            if (invert == 0) {
                return value;
            }
            if (!field.equals("mtime")) {
                throw bad(offset, width, field); // only a date may be negative (before 1970)
            }
            return ~value;
        }

        private TarFormatException bad(int offset, int width, String field) {
            StringBuilder shown = new StringBuilder();
            for (int i = offset; i < offset + width; i++) {
                int b = block[i] & 0xff;
                shown.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
            return new TarFormatException("corrupt tar: the " + field + " field of the header at offset "
                    + headerOffset + " is not a valid number: \"" + shown + "\"");
        }
    }
}
