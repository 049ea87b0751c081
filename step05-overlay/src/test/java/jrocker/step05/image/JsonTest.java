package jrocker.step05.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class JsonTest {

    // ---- generators -------------------------------------------------------------------------------

    /** Any text JSON can hold: ASCII with quotes and backslashes, control characters, BMP, emoji. */
    static Gen<String> texts() {
        Gen<String> ascii = strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 12);
        Gen<String> bmp = strings().betweenCodePoints(0x80, 0xd7ff).ofLengthBetween(0, 6);
        Gen<String> astral = strings().betweenCodePoints(0x10000, 0x10ffff).ofLengthBetween(1, 3);
        Gen<String> special = arbitrary().pick("", "\"", "\\", "\\u0041", "/", "\u2028", "\ufeff", "\ud83d\ude00");
        return ascii.mix(bmp, 30).mix(astral, 20).mix(special, 20).map(JsonTest::withoutLoneSurrogates);
    }

    /** A lone surrogate is not text (UTF-8 cannot encode it); QuickTheories' shrinking can produce one. */
    static String withoutLoneSurrogates(String text) {
        StringBuilder clean = new StringBuilder();
        text.codePoints().filter(c -> c < 0xd800 || c > 0xdfff).forEach(clean::appendCodePoint);
        return clean.toString();
    }

    /** Numbers in the form the parser produces: Long, or BigDecimal with a fraction, exponent or > 64 bits. */
    static Gen<Object> numbers() {
        Gen<Object> whole = longs().all().map(n -> (Object) n);
        Gen<Object> decimals = longs().all().zip(integers().between(-30, 29).map(scale -> scale >= 0 ? scale + 1 : scale),
                (unscaled, scale) -> (Object) new BigDecimal(BigInteger.valueOf(unscaled), scale));
        Gen<Object> huge = longs().all().map(n -> (Object) new BigDecimal(
                BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(20)).add(n < 0 ? BigInteger.ONE.negate() : BigInteger.ONE)));
        return whole.mix(decimals, 40).mix(huge, 10);
    }

    static Gen<Object> scalars() {
        return texts().map(s -> (Object) s).mix(numbers(), 40).mix(booleans().all().map(b -> (Object) b), 15)
                .mix(arbitrary().constant((Object) null), 10);
    }

    static Gen<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> arrays = lists().of(values(depth - 1)).ofSizeBetween(0, 4).map(list -> (Object) new ArrayList<>(list));
        Gen<Object> objects = lists().of(texts()).ofSizeBetween(0, 4).zip(lists().of(values(depth - 1)).ofSizeBetween(4, 4),
                (keys, children) -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        object.put(keys.get(i), children.get(i));
                    }
                    return (Object) object;
                });
        return scalars().mix(arrays, 35).mix(objects, 35);
    }

    /** Objects and arrays only: no proper prefix of their text is valid JSON. */
    static Gen<Object> containers() {
        return values(3).zip(texts(), booleans().all(), (value, key, asArray) -> {
            if (asArray) {
                return (Object) new ArrayList<>(java.util.Arrays.asList(value, key));
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put(key, value);
            return (Object) object;
        });
    }

    // ---- properties ---------------------------------------------------------------------------------

    @Test
    void whatIsWrittenParsesBackToAnEqualValue() {
        qt().withExamples(500).forAll(values(4)).checkAssert(value -> {
            assertEquals(value, Json.parse(Json.write(value)));
            assertEquals(value, Json.parse(Json.writeBytes(value)));
        });
    }

    @Test
    void everyProperPrefixOfAnObjectOrArrayIsRejected() {
        qt().withExamples(200).forAll(containers(), integers().between(0, 10_000)).checkAssert((value, cut) -> {
            String text = Json.write(value);
            String prefix = text.substring(0, cut % text.length());
            assertThrows(JsonException.class, () -> Json.parse(prefix), prefix);
        });
    }

    @Test
    void trailingGarbageIsRejected() {
        qt().forAll(values(3), arbitrary().pick("x", ",", "}", "]", "{}", "\"", "0", "tru")).checkAssert((value, garbage) -> {
            String text = Json.write(value) + " " + garbage;
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(text), text);
            assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
        });
    }

    @Test
    void randomTextEitherParsesOrFailsWithAJsonException() {
        Gen<String> soup = strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 30)
                .mix(lists().of(arbitrary().pick("{", "}", "[", "]", ",", ":", "\"", "\\", "a", "0", "-", ".", "e", "1",
                        " ", "true", "null", "\\u", "d83d")).ofSizeBetween(0, 20).map(parts -> String.join("", parts)), 70);
        qt().withExamples(2000).forAll(soup).checkAssert(text -> {
            Object value;
            try {
                value = Json.parse(text);
            } catch (JsonException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
                return;
            }
            assertEquals(value, Json.parse(Json.write(value)), "what parses also round-trips: " + text);
        });
    }

    // ---- examples ----------------------------------------------------------------------------------

    /** Found by the property above: "0e0" is a decimal zero; written as "0" it read back as the Long 0. */
    @Test
    void aWholeDecimalStaysADecimal() {
        for (String text : List.of("0e0", "-5E0", "1e3", "12.0", "99999999999999999999")) {
            Object value = Json.parse(text);
            assertEquals(value, Json.parse(Json.write(value)), text);
        }
        assertEquals("0E+0", Json.write(Json.parse("0e0")));
        assertEquals("7", Json.write(Json.parse("7")));
    }

    @Test
    void objectsKeepTheirKeyOrder() {
        Object value = Json.parse("{\"z\":1,\"a\":2,\"m\":[true,false,null]}");
        assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) value).keySet()));
        assertEquals("{\"z\":1,\"a\":2,\"m\":[true,false,null]}", Json.write(value));
    }

    @Test
    void numbersAreLongsWhenWrittenWholeAndBigDecimalsOtherwise() {
        assertEquals(42L, Json.parse("42"));
        assertEquals(-9223372036854775808L, Json.parse("-9223372036854775808"));
        assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(new BigDecimal("1.50"), Json.parse("1.50"));
        assertEquals(new BigDecimal("1E+3"), Json.parse("1e3"));
        assertEquals(new BigDecimal("-2.5E-7"), Json.parse("-2.5E-7"));
        assertEquals(0L, Json.parse("-0"));
    }

    @Test
    void escapesAndSurrogatePairsAreDecoded() {
        assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("A\u00e9\u20ac", Json.parse("\"\\u0041\\u00E9\\u20ac\""));
        assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("\ud83d\ude00", Json.parse("\"\ud83d\ude00\""));
    }

    @Test
    void controlCharactersAreEscapedWhenWritten() {
        assertEquals("\"a\\nb\\u0001\\\"\\\\\"", Json.write("a\nb\u0001\"\\"));
        assertEquals("\"\u00e9\ud83d\ude00\"", Json.write("\u00e9\ud83d\ude00"), "non-ASCII is written as UTF-8, not escaped");
    }

    @Test
    void errorsNameTheOffsetAndWhatWasExpected() {
        assertEquals("invalid JSON at offset 7: expected ',' or '}', found ']'", parseError("{\"a\":1 ]"));
        assertEquals("invalid JSON at offset 8: expected a string as object key, found '}'", parseError("{\"a\":1, }"));
        assertEquals("invalid JSON at offset 4: expected ',' or ']', found the end of the input", parseError("[1,2"));
        assertEquals("invalid JSON at offset 0: expected a value, found the end of the input", parseError(""));
        assertEquals("invalid JSON at offset 1: leading zeros are not allowed in numbers, found '1'", parseError("01"));
        assertEquals("invalid JSON at offset 8: duplicate key \"a\"", parseError("{\"a\":1, \"a\":2}"));
        assertEquals("invalid JSON at offset 1: unpaired surrogate \\ud83d (a high surrogate must be followed by a \\u"
                        + " escape of a low one)",
                parseError("\"\\ud83d\""));
        assertEquals("invalid JSON at offset 3: control character U+000A must be escaped in a string",
                parseError("\"ab\nc\""));
        assertEquals("invalid JSON at offset 2: expected a value, found 'N'", parseError("[ NaN]"));
    }

    /** The message of the JsonException that parsing {@code json} throws. */
    private static String parseError(String json) {
        return assertThrows(JsonException.class, () -> Json.parse(json)).getMessage();
    }

    @Test
    void offsetsInBytesCountUtf8Bytes() {
        // "é" is 2 bytes: the error after it is at character 7, but byte 8
        byte[] json = "{\"é\":1 1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(7, assertThrows(JsonException.class, () -> Json.parse(new String(json, StandardCharsets.UTF_8))).offset());
        assertEquals(8, assertThrows(JsonException.class, () -> Json.parse(json)).offset());
        byte[] invalidUtf8 = {'"', 'a', (byte) 0xc3, '"'};
        assertEquals("invalid JSON at offset 2: not valid UTF-8 (JSON text must be UTF-8)",
                assertThrows(JsonException.class, () -> Json.parse(invalidUtf8)).getMessage());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertEquals("invalid JSON at offset 512: nesting deeper than 512 levels, found '['", e.getMessage());
        String fine = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(fine, Json.write(Json.parse(fine)));
    }

    @Test
    void valuesThatAreNotJsonCannotBeWritten() {
        assertThrows(JsonException.class, () -> Json.write(new Object()));
        assertThrows(JsonException.class, () -> Json.write(Double.NaN));
        assertThrows(JsonException.class, () -> Json.write(Map.of(1, "a")));
        assertThrows(JsonException.class, () -> Json.write("\ud83d"), "a lone surrogate has no UTF-8 encoding");
        assertEquals("[1,2.5,null]", Json.write(java.util.Arrays.asList(1, 2.5, null)));
    }

    @Test
    void copyIsDeep() {
        @SuppressWarnings("unchecked")
        Map<String, Object> original = (Map<String, Object>) Json.parse("{\"a\":{\"b\":[1]}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) Json.copy(original);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) ((Map<String, Object>) copy.get("a")).get("b");
        list.add(2L);
        assertEquals("{\"a\":{\"b\":[1]}}", Json.write(original));
        assertNull(Json.parse("null"));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), Json.writeBytes(Map.of()));
    }
}
