package jrocker.step05.image;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser behind {@link Json#parse}: recursive descent, one method per kind of value, {@code pos} the
 * next character to read. Each method starts at the first character of its value and leaves {@code pos}
 * just after it.
 */
final class JsonParser {
    private final String text;
    private int pos;

    JsonParser(String text) {
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
                throw new JsonException(pos, "control character U+" + String.format("%04X", (int) c)
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
    // U+1F600 (an emoji) is the pair D83D DE00, each written as backslash, 'u' and 4 hex digits.
    // Either half alone is not a character, and is refused.
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
        if (depth > Json.MAX_DEPTH) {
            throw error("nesting deeper than " + Json.MAX_DEPTH + " levels");
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
