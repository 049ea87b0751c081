package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@Tag("memory-size") // the exercise these tests check (see docs/src/course)
class MemorySizeTest {
    /** Sizes of every shape: plain bytes, and exact multiples of k, m and g (which format with a unit). */
    private static Gen<Long> sizes() {
        return longs().between(0, Long.MAX_VALUE)
                .mix(integers().between(0, 1 << 20).map(n -> n * 1024L))
                .mix(integers().between(0, 1 << 20).map(n -> n * 1024L * 1024))
                .mix(integers().between(0, 1 << 20).map(n -> n * 1024L * 1024 * 1024));
    }

    @Test
    void parseOfFormatGivesBackTheSameSize() {
        qt().forAll(sizes()).checkAssert(bytes -> assertEquals(bytes, MemorySize.parse(MemorySize.format(bytes))));
    }

    @Test
    void formatIsNeverLongerThanThePlainNumberOfBytes() {
        qt().forAll(sizes()).check(bytes -> MemorySize.format(bytes).length() <= Long.toString(bytes).length());
    }

    @Test
    void examples() {
        assertEquals(64L << 20, MemorySize.parse("64m"));
        assertEquals(64L << 20, MemorySize.parse("64M"));
        assertEquals(1L << 30, MemorySize.parse("1g"));
        assertEquals(512L << 10, MemorySize.parse("512k"));
        assertEquals(100, MemorySize.parse("100b"));
        assertEquals(100, MemorySize.parse("100"));
        assertEquals("1536m", MemorySize.format(1536L << 20));
        assertEquals("1g", MemorySize.format(1L << 30));
        assertEquals("4097k", MemorySize.format(4097L << 10));
        assertEquals("1000", MemorySize.format(1000));
        assertEquals("0", MemorySize.format(0));
    }

    /**
     * Any string at all: either it is refused, or it has exactly our syntax and means what an independent
     * computation (with BigInteger, which cannot overflow) says. No string is ever read as a wrong number.
     */
    @Test
    void anyTextIsEitherRefusedOrReadExactly() {
        Gen<String> texts = strings().ascii().ofLengthBetween(0, 12)
                .mix(strings().numericBetween(0, 1_000_000).zip(arbitrary().pick("", "b", "k", "M", "g", "x", "kb", " ", ".5"),
                        (number, unit) -> number + unit))
                .mix(strings().betweenCodePoints(0x660, 0x669).ofLengthBetween(1, 3)); // Arabic-Indic digits
        qt().forAll(texts).checkAssert(text -> {
            BigInteger expected = expected(text);
            if (expected == null || expected.bitLength() > 63) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySize.parse(text), text);
                assertTrue(e.getMessage().startsWith("invalid memory size \"" + text + "\": "), e.getMessage());
            } else {
                assertEquals(expected.longValueExact(), MemorySize.parse(text), text);
            }
        });
    }

    private static BigInteger expected(String text) {
        if (!text.matches("[0-9]+[bkmgBKMG]?")) {
            return null;
        }
        char last = Character.toLowerCase(text.charAt(text.length() - 1));
        String digits = Character.isDigit(last) ? text : text.substring(0, text.length() - 1);
        int shift = switch (last) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return new BigInteger(digits).shiftLeft(shift);
    }

    @Test
    void errorMessagesSayWhatToType() {
        assertEquals("invalid memory size \"1x\": use a number with an optional unit b, k, m or g, e.g. 64m",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("1x")).getMessage());
        assertEquals("invalid memory size \"9999999999g\": too large, the largest is 9223372036854775807 bytes",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("9999999999g")).getMessage());
        for (String bad : new String[] {"", "-1", "64 m", " 64m", "1.5g", "64mb", "m", "+5", "0x10"}) {
            assertThrows(IllegalArgumentException.class, () -> MemorySize.parse(bad), bad);
        }
    }

    @Test
    void aMemoryLimitIsAtLeast6MibLikeDockers() {
        assertEquals(16L << 20, MemorySize.parseLimit("16m"), "the OOM test's 16m must be accepted");
        assertEquals(6L << 20, MemorySize.parseLimit("6m"));
        assertEquals("memory limit 6291455 is too small: the minimum is 6m (as in docker), below that a container cannot even start",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parseLimit("6291455")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parseLimit("0"));
        qt().forAll(longs().between(0, MemorySize.MIN_LIMIT - 1)).checkAssert(bytes ->
                assertThrows(IllegalArgumentException.class, () -> MemorySize.requireLimit(bytes)));
        qt().forAll(longs().between(MemorySize.MIN_LIMIT, Long.MAX_VALUE)).checkAssert(bytes ->
                assertEquals(bytes, MemorySize.parseLimit(MemorySize.format(bytes).toUpperCase(Locale.ROOT))));
    }
}
