package jrocker.step05.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {
    @Test
    void sizesAreDecimalWithThreeSignificantDigitsLikeDocker() {
        assertEquals("0B", HumanUnits.size(0));
        assertEquals("999B", HumanUnits.size(999));
        assertEquals("1kB", HumanUnits.size(1000));
        assertEquals("1.2kB", HumanUnits.size(1200));
        assertEquals("4.26MB", HumanUnits.size(4_261_234));
        assertEquals("1.98MB", HumanUnits.size(1_982_358));
        assertEquals("123MB", HumanUnits.size(123_456_789));
        assertEquals("1MB", HumanUnits.size(999_999), "rounding up to 1000 moves to the next unit");
        assertEquals("1.5GB", HumanUnits.size(1_500_000_000L));
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)(B|kB|MB|GB|TB|PB|EB)");
    private static final List<String> UNITS = List.of("B", "kB", "MB", "GB", "TB", "PB", "EB");

    @Test
    void everySizeIsAtMostThreeDigitsAndWithinHalfAPercent() {
        qt().forAll(longs().between(0, Long.MAX_VALUE / 2)).checkAssert(bytes -> {
            String text = HumanUnits.size(bytes);
            Matcher matcher = SIZE.matcher(text);
            assertTrue(matcher.matches(), text);
            BigDecimal shown = new BigDecimal(matcher.group(1))
                    .multiply(BigDecimal.valueOf(1000).pow(UNITS.indexOf(matcher.group(2))));
            BigDecimal error = shown.subtract(BigDecimal.valueOf(bytes)).abs();
            assertTrue(error.compareTo(BigDecimal.valueOf(bytes).multiply(new BigDecimal("0.005"))) <= 0,
                    bytes + " shown as " + text);
        });
    }

    @Test
    void durationsReadLikeDockersCreatedColumn() {
        assertEquals("Less than a second", HumanUnits.duration(Duration.ofMillis(300)));
        assertEquals("Less than a second", HumanUnits.duration(Duration.ofSeconds(-5)), "a clock set back");
        assertEquals("1 second", HumanUnits.duration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", HumanUnits.duration(Duration.ofSeconds(59)));
        assertEquals("About a minute", HumanUnits.duration(Duration.ofSeconds(90)));
        assertEquals("About a minute", HumanUnits.duration(Duration.ofSeconds(119)));
        assertEquals("3 minutes", HumanUnits.duration(Duration.ofMinutes(3)));
        assertEquals("About an hour", HumanUnits.duration(Duration.ofMinutes(80)));
        assertEquals("2 hours", HumanUnits.duration(Duration.ofMinutes(90)), "docker rounds hours: 1.5 hours is 2");
        assertEquals("2 hours", HumanUnits.duration(Duration.ofMinutes(100)), "hours are rounded");
        assertEquals("47 hours", HumanUnits.duration(Duration.ofHours(47)));
        assertEquals("13 days", HumanUnits.duration(Duration.ofDays(13)));
        assertEquals("2 weeks", HumanUnits.duration(Duration.ofDays(14)));
        assertEquals("8 weeks", HumanUnits.duration(Duration.ofDays(59)));
        assertEquals("2 months", HumanUnits.duration(Duration.ofDays(60)));
        assertEquals("3 years", HumanUnits.duration(Duration.ofDays(365 * 3 + 1)));
        assertEquals("2 years", HumanUnits.duration(Duration.ofDays(365 * 2).minusMinutes(20)),
                "the half hour that rounds up to two years: go-units says \"1 years\" there, after \"24 months\"");
    }

    @Test
    void durationTextNeverGoesBackwardsAsTimePasses() {
        qt().forAll(integers().between(0, 100_000_000)).checkAssert(seconds -> {
            long now = rank(HumanUnits.duration(Duration.ofSeconds(seconds)));
            long later = rank(HumanUnits.duration(Duration.ofSeconds(seconds + 1L)));
            assertTrue(later >= now, seconds + "s");
        });
    }

    /** A duration's text back to an approximate number of seconds, to compare two texts. */
    private static long rank(String text) {
        if (text.startsWith("Less")) {
            return 0;
        }
        if (text.startsWith("About a minute")) {
            return 60;
        }
        if (text.startsWith("About an hour")) {
            return 3600;
        }
        String[] words = text.split(" ");
        long amount = Long.parseLong(words[0]);
        return amount * switch (words[1].replaceAll("s$", "")) {
            case "second" -> 1L;
            case "minute" -> 60L;
            case "hour" -> 3600L;
            case "day" -> 86_400L;
            case "week" -> 7 * 86_400L;
            case "month" -> 30 * 86_400L;
            default -> 365 * 86_400L;
        };
    }
}
