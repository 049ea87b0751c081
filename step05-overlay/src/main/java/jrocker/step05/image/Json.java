package jrocker.step05.image;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser and writer (RFC 8259): enough for image manifests and configs, and short
 * enough to read in one sitting.
 *
 * <p>JSON values become plain Java values:
 * <ul>
 *   <li>an object becomes a {@code LinkedHashMap<String, Object>} that keeps the keys in document order;</li>
 *   <li>an array becomes a {@code List<Object>} ({@code ArrayList});</li>
 *   <li>a string becomes a {@code String}; true and false a {@code Boolean}; null becomes {@code null};</li>
 *   <li>a number written without fraction or exponent that fits a {@code long} becomes a {@code Long};
 *       any other number a {@code BigDecimal} (so {@code 1.0} and {@code 1e3} stay as written, and a
 *       20-digit integer is not silently rounded, as a {@code double} would do).</li>
 * </ul>
 *
 * <p><b>Strict</b> means: exactly one value, no comments, no trailing commas, no leading zeros, no
 * unescaped control characters, no unpaired surrogates in {@code &#92;uXXXX} escapes, no invalid UTF-8, and
 * <b>no duplicate keys</b>. The last rule matters for security: when two parsers disagree on which of two
 * duplicate {@code "Entrypoint"} keys wins, an image can show one command to a reviewer and run another.
 *
 * <p>{@link #write} produces compact JSON (no spaces, like Go's {@code json.Marshal}), with non-ASCII text
 * written as UTF-8, not escaped. {@code parse(write(v))} equals {@code v}, with one exception: a
 * {@code BigDecimal} holding a whole number that fits a long is written without a fraction and so reads
 * back as a {@code Long}.
 */
public final class Json {
    /** Deeper nesting is refused: real documents are a few levels deep, and recursion needs stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /** Parse {@code text}, which must hold exactly one JSON value (and white space). */
    public static Object parse(String text) {
        return new JsonParser(text).document();
    }

    /**
     * Parse UTF-8 bytes, as stored in files and blobs. Error offsets count bytes, so they match what
     * {@code head -c} or a hex dump shows.
     */
    public static Object parse(byte[] utf8) {
        String text = decodeUtf8(utf8);
        try {
            return parse(text);
        } catch (JsonException e) {
            int byteOffset = text.substring(0, e.offset()).getBytes(StandardCharsets.UTF_8).length;
            throw new JsonException(byteOffset, e.problem());
        }
    }

    /** Compact JSON for {@code value}: a Map with String keys, a List, a String, a Number, a Boolean or null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).value(value, 0);
        return out.toString();
    }

    /** {@link #write}, as UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** A deep copy that can be changed without touching {@code value}: new maps and lists all the way down. */
    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put((String) key, copy(child)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(child -> copy.add(copy(child)));
            return copy;
        }
        return value; // strings, numbers and booleans cannot change
    }

    private static String decodeUtf8(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new JsonException(in.position(), "not valid UTF-8 (JSON text must be UTF-8)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
