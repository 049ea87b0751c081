package jrocker.step05.image;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The writer behind {@link Json#write}: compact JSON, non-ASCII text as it is (UTF-8 once encoded). */
final class JsonWriter {
    private final StringBuilder out;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    void value(Object value, int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new JsonException("cannot write JSON: nesting deeper than " + Json.MAX_DEPTH + " levels (a cycle?)");
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
            String text = decimal.toString(); // with an exponent when needed: "1E+3" is valid JSON
            out.append(text);
            if (text.indexOf('.') < 0 && text.indexOf('E') < 0 && fitsInALong(decimal)) {
                out.append("E+0"); // a whole number as "0" would read back as a Long, not as the decimal 0e0 it was
            }
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

    private static boolean fitsInALong(BigDecimal decimal) {
        try {
            decimal.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
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
