package jrocker.step05.image;

import java.math.BigDecimal;
import java.math.BigInteger;
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
 * unescaped control characters, no unpaired surrogates in {@code \u} escapes, no invalid UTF-8, and
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
        return new Parser(text).document();
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
        new Writer(out).value(value, 0);
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

    /** A recursive-descent parser: one method per kind of value, {@code pos} the next character to read. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object document() {
            skipWhiteSpace();
            Object value = value(0);
            skipWhiteSpace();
            if (pos < text.length()) {
                throw error("expected the end of the input after the value");
            }
            return value;
        }

        private Object value(int depth) {
            if (pos >= text.length()) {
                throw error("expected a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        yield number();
                    }
                    throw error("expected a value");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            pos++; // {
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhiteSpace();
            if (peek() == '}') {
                pos++;
                return object;
            }
            while (true) {
                skipWhiteSpace();
                if (peek() != '"') {
                    throw error("expected a string as object key");
                }
                int keyOffset = pos;
                String key = string();
                skipWhiteSpace();
                expect(':', "expected ':' after an object key");
                skipWhiteSpace();
                Object value = value(depth);
                if (object.containsKey(key)) {
                    throw new JsonException(keyOffset, "duplicate key \"" + key + "\"");
                }
                object.put(key, value);
                skipWhiteSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}', "expected ',' or '}'");
                    return object;
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            pos++; // [
            List<Object> array = new ArrayList<>();
            skipWhiteSpace();
            if (peek() == ']') {
                pos++;
                return array;
            }
            while (true) {
                skipWhiteSpace();
                array.add(value(depth));
                skipWhiteSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']', "expected ',' or ']'");
                    return array;
                }
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return value.toString();
                }
                if (c < 0x20) {
                    throw error("control character U+" + String.format("%04X", (int) c)
                            + " must be escaped in a string");
                }
                if (c == '\\') {
                    escape(value);
                } else {
                    value.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder value) {
            int escapeOffset = pos;
            pos++; // backslash
            char c = pos < text.length() ? text.charAt(pos) : '\0';
            pos++;
            switch (c) {
                case '"' -> value.append('"');
                case '\\' -> value.append('\\');
                case '/' -> value.append('/');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> unicodeEscape(value, escapeOffset);
                default -> throw new JsonException(escapeOffset, "invalid escape sequence in a string");
            }
        }

        // A character outside the Basic Multilingual Plane is written as two escapes, a surrogate pair:
        // U+1F600 is "\ud83d\ude00". Either half alone is not a character, and is refused.
        private void unicodeEscape(StringBuilder value, int escapeOffset) {
            char unit = hex4(escapeOffset);
            if (Character.isHighSurrogate(unit)) {
                if (text.startsWith("\\u", pos)) {
                    pos += 2;
                    char low = hex4(escapeOffset);
                    if (Character.isLowSurrogate(low)) {
                        value.append(unit).append(low);
                        return;
                    }
                }
                throw new JsonException(escapeOffset, "unpaired surrogate \\u" + String.format("%04x", (int) unit)
                        + " (a high surrogate must be followed by a \\u escape of a low one)");
            }
            if (Character.isLowSurrogate(unit)) {
                throw new JsonException(escapeOffset, "unpaired surrogate \\u" + String.format("%04x", (int) unit));
            }
            value.append(unit);
        }

        private char hex4(int escapeOffset) {
            if (pos + 4 > text.length()) {
                throw new JsonException(escapeOffset, "\\u must be followed by 4 hex digits");
            }
            int unit = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(pos + i), 16);
                if (digit < 0) {
                    throw new JsonException(escapeOffset, "\\u must be followed by 4 hex digits");
                }
                unit = unit * 16 + digit;
            }
            pos += 4;
            return (char) unit;
        }

        // number = [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zeros are not allowed in numbers");
                }
            } else {
                digits("expected a digit");
            }
            boolean integral = true;
            if (peek() == '.') {
                pos++;
                digits("expected a digit after the decimal point");
                integral = false;
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits("expected a digit in the exponent");
                integral = false;
            }
            String literal = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException tooBigForLong) {
                    return new BigDecimal(literal);
                }
            }
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException | ArithmeticException e) { // an exponent beyond int range
                throw new JsonException(start, "number " + literal + " is out of range");
            }
        }

        private void digits(String problem) {
            if (!isDigit(peek())) {
                throw error(problem);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected a value");
            }
            pos += word.length();
            return value;
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void skipWhiteSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** The next character, or -1 at the end of the input. */
        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private void expect(char wanted, String problem) {
            if (peek() != wanted) {
                throw error(problem);
            }
            pos++;
        }

        private JsonException error(String problem) {
            return new JsonException(pos, problem + ", found " + found());
        }

        private String found() {
            if (pos >= text.length()) {
                return "the end of the input";
            }
            int c = text.codePointAt(pos);
            return c < 0x20 ? String.format("U+%04X", c) : "'" + new String(Character.toChars(c)) + "'";
        }
    }

    private static final class Writer {
        private final StringBuilder out;

        Writer(StringBuilder out) {
            this.out = out;
        }

        void value(Object value, int depth) {
            if (depth > MAX_DEPTH) {
                throw new JsonException("cannot write JSON: nesting deeper than " + MAX_DEPTH + " levels (a cycle?)");
            }
            if (value == null) {
                out.append("null");
            } else if (value instanceof String text) {
                string(text);
            } else if (value instanceof Boolean bool) {
                out.append(bool);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte || value instanceof BigInteger) {
                out.append(value);
            } else if (value instanceof BigDecimal decimal) {
                out.append(decimal); // toString() uses an exponent when needed: "1E+3" is valid JSON
            } else if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                if (!Double.isFinite(number)) {
                    throw new JsonException("cannot write JSON: " + value + " is not a JSON number");
                }
                out.append(BigDecimal.valueOf(number));
            } else if (value instanceof Map<?, ?> map) {
                object(map, depth);
            } else if (value instanceof List<?> list) {
                array(list, depth);
            } else {
                throw new JsonException("cannot write JSON: a " + value.getClass().getName()
                        + " is not a JSON value (use Map, List, String, Number, Boolean or null)");
            }
        }

        private void object(Map<?, ?> map, int depth) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new JsonException("cannot write JSON: object keys must be strings, not " + entry.getKey());
                }
                out.append(first ? "" : ",");
                first = false;
                string(key);
                out.append(':');
                value(entry.getValue(), depth + 1);
            }
            out.append('}');
        }

        private void array(List<?> list, int depth) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                value(list.get(i), depth + 1);
            }
            out.append(']');
        }

        private void string(String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else if (Character.isSurrogate(c) && !isPaired(text, i)) {
                            throw new JsonException("cannot write JSON: the string has an unpaired surrogate"
                                    + " at index " + i + ", which UTF-8 cannot encode");
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        private static boolean isPaired(String text, int i) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            }
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
    }
}
