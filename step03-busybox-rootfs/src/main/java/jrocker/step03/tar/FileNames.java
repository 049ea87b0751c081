package jrocker.step03.tar;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names are bytes: on Linux a name is any bytes but {@code /} and NUL, in no particular encoding, and a
 * tar stores them as they are. Most are UTF-8 today, but old archives and some real images hold Latin-1
 * names such as {@code caf\xe9}. A Java String is text, so a name must be turned into a String that gives
 * back <em>exactly</em> its bytes, in any locale; decoding it as UTF-8 would silently turn {@code \xe9} into
 * U+FFFD, and the file would come back under another name.
 *
 * <p>The String form used everywhere a name travels between a tar and a disk: UTF-8 where the bytes are
 * UTF-8, and each byte that is not as the lone surrogate {@code U+DC00 + byte} (Python calls this
 * "surrogateescape"). Valid UTF-8 never decodes to a lone surrogate, so {@link #encode} can always tell
 * an escaped byte from text: {@code encode(decode(bytes))} is {@code bytes}, for every byte sequence.
 *
 * <p>Java's {@link Path} on Linux is bytes too; only the conversions between Paths and Strings use the
 * locale's character set. {@link #resolve} and {@link #bytes} convert without it: a {@code file:} URI
 * spells a name's bytes as {@code %XX}, and the JDK makes a Path of exactly those bytes from it.
 */
public final class FileNames {
    private static final Path ROOT = Path.of("/");

    private FileNames() {
    }

    /** The String form of {@code length} name bytes at {@code offset}. */
    public static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (isAscii(bytes, offset, end)) {
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        StringBuilder text = new StringBuilder(length);
        int i = offset;
        while (i < end) {
            int sequence = utf8SequenceLength(bytes, i, end);
            if (sequence > 0) {
                text.append(new String(bytes, i, sequence, StandardCharsets.UTF_8));
                i += sequence;
            } else {
                text.append((char) (0xdc00 | bytes[i] & 0xff)); // a byte that is not UTF-8, escaped
                i++;
            }
        }
        return text.toString();
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The bytes of a name in String form, exactly as they were; UTF-8 for ordinary text. */
    public static byte[] encode(String name) {
        if (isAscii(name)) {
            return name.getBytes(StandardCharsets.US_ASCII);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(name.length() + 8);
        int start = 0; // of the text not yet encoded
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++; // a pair: one code point beyond U+FFFF, ordinary text
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                bytes.writeBytes(name.substring(start, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(c & 0xff);
                start = i + 1;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the name " + printable(name) + " holds a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + ": no file name has that character");
            }
        }
        bytes.writeBytes(name.substring(start).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** True when the name's bytes are valid UTF-8 (no byte had to be escaped). */
    public static boolean isUtf8(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0xdc80 && c <= 0xdcff && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
                return false;
            }
        }
        return true;
    }

    /** The name for messages: escaped bytes shown as {@code \xE9}, so a terminal shows what is there. */
    public static String printable(String name) {
        if (isUtf8(name)) {
            return name;
        }
        StringBuilder shown = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean escaped = c >= 0xdc80 && c <= 0xdcff && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)));
            shown.append(escaped ? String.format("\\x%02X", c & 0xff) : String.valueOf(c));
        }
        return shown.toString();
    }

    // tag::resolve[]
    /**
     * {@code directory} joined with {@code name} (one component or more, relative), the name's bytes exactly,
     * whatever the JVM's locale: {@code Path.resolve(String)} would encode the name in the locale's character
     * set, which cannot hold every name (no locale: not even {@code é}; UTF-8: not {@code \xe9}).
     */
    public static Path resolve(Path directory, String name) {
        if (isAscii(name)) {
            return directory.resolve(name); // the same bytes in every locale's character set
        }
        return directory.resolve(ROOT.relativize(fromBytes("/", encode(name))));
    }
    // end::resolve[]

    /** A Path of exactly the name's bytes: relative, or absolute when the name starts with {@code /}. */
    public static Path path(String name) {
        if (isAscii(name)) {
            return Path.of(name);
        }
        byte[] bytes = encode(name);
        return bytes.length > 0 && bytes[0] == '/' ? fromBytes("", bytes) : ROOT.relativize(fromBytes("/", bytes));
    }

    /** The bytes of {@code path}, exactly (not through the locale's character set). */
    public static byte[] bytes(Path path) {
        String text = path.toString();
        if (isAscii(text)) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        // The JDK spells the absolute path's bytes in the URI; for a relative path, the working directory's
        // part is taken off again.
        byte[] absolute = bytesOfAbsolute(path.toAbsolutePath());
        if (path.isAbsolute()) {
            return absolute;
        }
        byte[] base = bytesOfAbsolute(Path.of("").toAbsolutePath());
        int from = base.length == 1 ? 1 : base.length + 1; // after "/" or "/work/"
        return java.util.Arrays.copyOfRange(absolute, from, absolute.length);
    }

    /** The String form of {@code path} ({@link #bytes} decoded). */
    public static String name(Path path) {
        String text = path.toString();
        return isAscii(text) ? text : decode(bytes(path));
    }

    private static byte[] bytesOfAbsolute(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) { // toUri marks a directory with a slash
            raw = raw.substring(0, raw.length() - 1);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** {@code Path.of(URI)}: each byte as %XX but letters, digits and {@code /}. */
    private static Path fromBytes(String prefix, byte[] bytes) {
        StringBuilder uri = new StringBuilder("file://").append(prefix);
        for (byte b : bytes) {
            int unsigned = b & 0xff;
            if (unsigned == '/' || unsigned >= 'a' && unsigned <= 'z' || unsigned >= 'A' && unsigned <= 'Z'
                    || unsigned >= '0' && unsigned <= '9') {
                uri.append((char) unsigned);
            } else {
                uri.append('%').append(Character.forDigit(unsigned >> 4, 16)).append(Character.forDigit(unsigned & 15, 16));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    /** The length of the valid UTF-8 sequence at {@code i} (RFC 3629: shortest form, no surrogates), or 0. */
    private static int utf8SequenceLength(byte[] bytes, int i, int end) {
        int first = bytes[i] & 0xff;
        if (first < 0x80) {
            return 1;
        }
        int length;
        int min;
        if (first >= 0xc2 && first <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (first >= 0xe0 && first <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (first >= 0xf0 && first <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > end) {
            return 0;
        }
        int codePoint = first & (0x7f >> length);
        for (int k = 1; k < length; k++) {
            int next = bytes[i + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return 0;
            }
            codePoint = codePoint << 6 | next & 0x3f;
        }
        boolean surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
        return codePoint < min || codePoint > 0x10ffff || surrogate ? 0 : length;
    }

    private static boolean isAscii(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
