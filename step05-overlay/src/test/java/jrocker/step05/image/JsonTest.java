package jrocker.step05.image;

import static jrocker.step05.archive.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import jrocker.step05.archive.OciLayoutReader;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The mapping of JSON to jrocker's records and kept documents ({@link Json}, through jackson-jr). */
class JsonTest {
    static final String DIGEST = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

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

    /** Whole numbers of any size, and decimals with a fraction or an exponent. */
    static Gen<Object> numbers() {
        Gen<Object> whole = longs().all().map(n -> (Object) n);
        Gen<Object> decimals = longs().all().zip(integers().between(-30, 29).map(scale -> scale >= 0 ? scale + 1 : scale),
                (unscaled, scale) -> (Object) new BigDecimal(BigInteger.valueOf(unscaled), scale));
        Gen<Object> huge = longs().all().map(n -> (Object) BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(20)));
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

    /** A kept document is written back as it was read: same keys, same order, same numbers, same text. */
    @Test
    void aKeptDocumentIsWrittenBackAsItWasRead() {
        qt().withExamples(500).forAll(values(4)).checkAssert(value -> {
            byte[] written = Json.write(value);
            Object read = read(written);
            assertEquals(text(written), text(Json.write(read)));
            assertEquals(read, read(Json.write(read)));
        });
    }

    @Test
    void recordsRoundTrip() {
        Gen<List<String>> words = lists().of(texts()).ofSizeBetween(0, 4);
        qt().withExamples(200).forAll(words, texts(), booleans().all(), longs().all()).checkAssert((argv, name, tty, pid) -> {
            Descriptor descriptor = new Descriptor(name, Digest.parse(DIGEST), Math.abs(pid % 1_000_000_000),
                    tty ? new Platform("linux", "arm64", "v8") : null, Map.of("org.opencontainers.image.ref.name", name));
            assertEquals(descriptor, readRecord(Json.write(descriptor), Descriptor.class));
            ImageConfig.RunConfig run = new ImageConfig.RunConfig(argv, List.of(name), argv, name, tty ? "nobody" : null);
            assertEquals(run, readRecord(Json.write(run), ImageConfig.RunConfig.class));
        });
    }

    @Test
    void everyProperPrefixOfAnObjectOrArrayIsRefused() {
        qt().withExamples(200).forAll(containers(), integers().between(0, 10_000)).checkAssert((value, cut) -> {
            String text = text(Json.write(value));
            String prefix = text.substring(0, cut % text.length());
            String message = assertThrows(ImageFormatException.class, () -> Json.readValue(utf8(prefix), "doc x"), prefix)
                    .getMessage();
            assertOneLineNaming("doc x", message);
        });
    }

    @Test
    void randomTextEitherReadsOrFailsWithAOneLineMessage() {
        Gen<String> soup = strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 30)
                .mix(lists().of(arbitrary().pick("{", "}", "[", "]", ",", ":", "\"", "\\", "a", "0", "-", ".", "e", "1",
                        " ", "true", "null", "\\u", "d83d")).ofSizeBetween(0, 20).map(parts -> String.join("", parts)), 70);
        qt().withExamples(2000).forAll(soup).checkAssert(text -> {
            Object value;
            try {
                value = Json.readValue(utf8(text), "doc x");
            } catch (ImageFormatException e) {
                assertOneLineNaming("doc x", e.getMessage());
                return;
            }
            // JSON has one kind of number: 1e0 reads as a decimal and is written "1", which reads back as an Integer.
            assertEquals(sameNumbers(value), sameNumbers(read(Json.write(value))), "what reads also round-trips: " + text);
        });
    }

    // ---- examples: what the specifications ask ------------------------------------------------------

    @Test
    void unknownFieldsAreIgnored() throws ImageFormatException {
        Descriptor descriptor = Json.read(utf8("{\"mediaType\":\"m\",\"future\":{\"a\":[1,{\"b\":null}]},\"digest\":\"" + DIGEST
                + "\",\"size\":12,\"urls\":[\"https://example.com\"]}"), Descriptor.class, "doc x");
        assertEquals(new Descriptor("m", Digest.parse(DIGEST), 12), descriptor);
    }

    @Test
    void fieldNamesAreWrittenAsTheSpecificationsSpellThem() {
        Manifest manifest = new Manifest(MediaTypes.OCI_MANIFEST, new Descriptor(MediaTypes.OCI_CONFIG, Digest.parse(DIGEST), 7),
                List.of(), Map.of());
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + DIGEST + "\",\"size\":7,\"platform\":null,\"annotations\":{}},\"layers\":[],"
                + "\"annotations\":{}}", text(manifest.toJson()));
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", text(OciLayoutReader.layoutFileContent()));
    }

    @Test
    void dockersCapitalizedNamesFillTheComponents() throws ImageFormatException {
        ImageConfig.RunConfig run = Json.read(utf8("{\"Entrypoint\":null,\"Cmd\":[\"sh\"],\"WorkingDir\":\"/w\",\"User\":\"0\"}"),
                ImageConfig.RunConfig.class, "doc x");
        assertEquals(new ImageConfig.RunConfig(List.of(), List.of("sh"), List.of(), "/w", "0"), run);
    }

    // ---- examples: numbers ------------------------------------------------------------------------

    @Test
    void numbersInAKeptDocumentStayAsWritten() throws ImageFormatException {
        String text = "{\"int\":42,\"long\":-9223372036854775808,\"huge\":99999999999999999999,\"fraction\":1.50,"
                + "\"exponent\":-2.5E-7,\"nanoseconds\":30000000000}";
        Map<String, Object> document = Json.readObject(utf8(text), "doc x");
        assertEquals(text, text(Json.write(document)));
        assertEquals(new BigInteger("99999999999999999999"), document.get("huge"));
        assertEquals(new BigDecimal("1.50"), document.get("fraction"), "not rounded through a double");
        assertEquals("1E+3", text(Json.write(Json.readValue(utf8("1e3"), "doc x"))), "a decimal stays a decimal");
    }

    @Test
    void aWholeNumberFieldTakesOnlyAWholeNumber() {
        String start = "{\"mediaType\":\"m\",\"digest\":\"" + DIGEST + "\",\"size\":";
        assertEquals("doc x: \"size\" must be a whole number, not a string", descriptorError(start + "\"12\"}"));
        assertEquals("doc x: \"size\" must be a whole number, not a number", descriptorError(start + "1.5}"));
        assertEquals("doc x: \"size\" must be a whole number, not a boolean", descriptorError(start + "true}"));
        assertEquals("doc x: \"size\" is out of range: 99999999999999999999", descriptorError(start + "99999999999999999999}"));
        assertEquals("doc x: \"size\" cannot be negative: -1", descriptorError(start + "-1}"));
    }

    // ---- examples: bad input ------------------------------------------------------------------------

    @Test
    void badFieldsAreNamedWithTheirPath() {
        assertEquals("doc x: \"mediaType\" is missing", descriptorError("{\"digest\":\"" + DIGEST + "\",\"size\":1}"));
        assertEquals("doc x: \"mediaType\" must be a string, not a number", descriptorError("{\"mediaType\":5}"));
        assertEquals("doc x: \"annotations.a\" must be a string, not a number",
                descriptorError("{\"mediaType\":\"m\",\"annotations\":{\"a\":1}}"));
        assertEquals("doc x: \"config.Cmd.1\" must be a string, not an object", assertThrows(ImageFormatException.class,
                () -> Json.read(utf8("{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"a\",{}]},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"), ImageConfig.Fields.class, "doc x")).getMessage());
        assertEquals("doc x: \"digest\" is not a usable digest: invalid digest \"md5:x\": the algorithm is \"md5\", but"
                + " jrocker supports only sha256 digests", descriptorError("{\"mediaType\":\"m\",\"digest\":\"md5:x\"}"));
    }

    @Test
    void malformedJsonIsAOneLineErrorNamingTheDocument() {
        for (String bad : List.of("", "{", "{\"a\":1 ]", "{\"a\":1, }", "[1,2", "01", "[ NaN]", "{\"a\":1} x", "{} {}",
                "\"ab\nc\"", "[1,]", "{\"a\" 1}", "tru")) {
            String message = assertThrows(ImageFormatException.class, () -> Json.readValue(utf8(bad), "doc x"), bad).getMessage();
            assertOneLineNaming("doc x", message);
        }
        assertEquals("corrupt JSON in doc x: more data after the JSON value (at line 1, column 5)",
                assertThrows(ImageFormatException.class, () -> Json.readValue(utf8("{} {}"), "doc x")).getMessage());
        byte[] invalidUtf8 = {'"', 'a', (byte) 0xc3, '"'};
        assertOneLineNaming("doc x", assertThrows(ImageFormatException.class, () -> Json.readValue(invalidUtf8, "doc x")).getMessage());
    }

    /** Two parsers that disagree on which of two "Entrypoint"s wins let an image show one command and run another. */
    @Test
    void aDuplicateKeyIsRefused() {
        String message = assertThrows(ImageFormatException.class,
                () -> Json.readObject(utf8("{\"a\":1, \"a\":2}"), "doc x")).getMessage();
        assertTrue(message.startsWith("corrupt JSON in doc x: Duplicate field 'a'"), message);
        assertThrows(ImageFormatException.class, () -> Json.read(utf8("{\"config\":{\"Cmd\":[\"a\"],\"Cmd\":[\"b\"]}}"),
                ImageConfig.Fields.class, "doc x"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertOneLineNaming("doc x", assertThrows(ImageFormatException.class, () -> Json.readValue(utf8(deep), "doc x")).getMessage());
    }

    @Test
    void notAnObjectIsSaidSo() {
        assertEquals("doc x is not a JSON object but an array",
                assertThrows(ImageFormatException.class, () -> Json.readObject(utf8("[]"), "doc x")).getMessage());
    }

    // ---- examples: output ---------------------------------------------------------------------------

    @Test
    void indentedOutputLooksLikeDockerInspect() {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("Id", "x");
        image.put("Entrypoint", null);
        image.put("Cmd", List.of("sh", "-c"));
        image.put("Mounts", List.of());
        image.put("Labels", Map.of());
        image.put("Size", 12L);
        assertEquals("[\n    {\n        \"Id\": \"x\",\n        \"Entrypoint\": null,\n        \"Cmd\": [\n            \"sh\",\n"
                + "            \"-c\"\n        ],\n        \"Mounts\": [],\n        \"Labels\": {},\n        \"Size\": 12\n    }\n]",
                Json.writeIndented(List.of(image)));
    }

    @Test
    void controlCharactersAreEscapedAndNonAsciiIsWrittenAsUtf8() {
        assertEquals("\"a\\nb\\u0001\\\"\\\\\"", text(Json.write("a\nb\u0001\"\\")));
        assertEquals("\"\u00e9\ud83d\ude00\"", text(Json.write("\u00e9\ud83d\ude00")));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void assertOneLineNaming(String document, String message) {
        assertTrue(message.startsWith(document + ": ") || message.startsWith("corrupt JSON in " + document + ": "), message);
        assertFalse(message.contains("\n"), message);
    }

    private static String descriptorError(String json) {
        return assertThrows(ImageFormatException.class, () -> Json.read(utf8(json), Descriptor.class, "doc x")).getMessage();
    }

    /** {@code value} with every number as a BigDecimal without trailing zeros, so that 1, 1.0 and 1e0 are equal as JSON says. */
    private static Object sameNumbers(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonTest::sameNumbers).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> numbers = new LinkedHashMap<>();
            map.forEach((key, each) -> numbers.put(key, sameNumbers(each)));
            return numbers;
        }
        return value;
    }

    private static Object read(byte[] json) {
        try {
            return Json.readValue(json, "doc x");
        } catch (ImageFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T readRecord(byte[] json, Class<T> type) {
        try {
            return Json.read(json, type, "doc x");
        } catch (ImageFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
