package jrocker.step05.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:15:02Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant parse(String text) {
        return LogTime.parse(text, NOW, BERLIN);
    }

    @Test
    void goDurationsCountBackFromNow() {
        assertEquals(Instant.parse("2026-12-07T09:05:02Z"), parse("10m"));
        assertEquals(Instant.parse("2026-12-07T07:45:02Z"), parse("1h30m"));
        assertEquals(Instant.parse("2026-12-07T07:45:02Z"), parse("1.5h"));
        assertEquals(Instant.parse("2026-12-07T09:15:01.750Z"), parse("250ms"));
        assertEquals(Instant.parse("2026-12-07T09:15:12Z"), parse("-10s"), "a negative duration is in the future");
    }

    @Test
    void rfc3339TimesWithAndWithoutZoneAndFraction() {
        assertEquals(Instant.parse("2026-12-07T09:15:02Z"), parse("2026-12-07T09:15:02Z"));
        assertEquals(Instant.parse("2026-12-07T09:15:02.500Z"), parse("2026-12-07T10:15:02.5+01:00"));
        assertEquals(Instant.parse("2026-12-07T08:15:00Z"), parse("2026-12-07T09:15"), "no zone: local time (UTC+1)");
        assertEquals(Instant.parse("2026-12-07T08:00:00Z"), parse("2026-12-07T09"));
        assertEquals(Instant.parse("2026-12-07T09:15:00Z"), parse("2026-12-07T09:15Z"));
    }

    @Test
    void datesAndUnixSeconds() {
        assertEquals(Instant.parse("2026-12-06T23:00:00Z"), parse("2026-12-07"), "local midnight");
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), parse("2026-12-07Z"));
        assertEquals(Instant.ofEpochSecond(1796634902), parse("1796634902"));
        assertEquals(Instant.ofEpochSecond(1796634902, 250_000_000), parse("1796634902.25"));
        assertEquals(Instant.EPOCH, parse("0"), "0 is a Unix time, as in docker");
    }

    @Test
    void anythingElseIsRefusedWithTheTextInTheMessage() {
        for (String bad : new String[] {"yesterday", "10x", "2026-13-07", "2026-12-07T25:00", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertEquals("failed to parse value as time or duration: \"" + bad + "\"", e.getMessage());
        }
    }
}
