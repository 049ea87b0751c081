package jrocker.step05.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// tag::since[]
/**
 * The time {@code logs --since} and {@code --until} name, in the forms docker takes: a duration back from now as Go writes them
 * ({@code 10m}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}); an RFC 3339 time with or without fraction and zone
 * ({@code 2026-12-07T09:15:02Z}, {@code 2026-12-07T10:15:02.5+01:00}, {@code 2026-12-07T09:15}: no zone is local
 * time); a date ({@code 2026-12-07}, local midnight); or Unix seconds ({@code 1796634902}, {@code 1796634902.25}).
 */
public final class LogTime {
    /** Go's duration: one or more number-unit pairs, optionally signed ("0" alone is Unix time 0, as in docker). */
    private static final Pattern DURATION = Pattern.compile("([-+]?)((?:[0-9]*\\.?[0-9]+(?:ns|us|µs|ms|s|m|h))+)");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");
    private static final Pattern UNIX = Pattern.compile("[0-9]+(\\.[0-9]{1,9})?");
    private static final Pattern WITH_ZONE = Pattern.compile(".*([zZ]|[+-][0-9]{2}:[0-9]{2})$");

    private LogTime() {
    }

    /** The instant {@code text} names, durations counted back from {@code now}; local times in {@code zone}. */
    public static Instant parse(String text, Instant now, ZoneId zone) {
        Matcher duration = DURATION.matcher(text);
        if (duration.matches()) {
            Duration back = goDuration(duration.group(2));
            return duration.group(1).equals("-") ? now.plus(back) : now.minus(back);
        }
        if (UNIX.matcher(text).matches()) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            if (text.contains("T")) {
                String full = withSeconds(text);
                return WITH_ZONE.matcher(full).matches() ? OffsetDateTime.parse(full).toInstant()
                        : LocalDateTime.parse(full).atZone(zone).toInstant();
            }
            if (WITH_ZONE.matcher(text).matches()) { // a date with a zone, 2026-12-07Z or 2026-12-07+01:00
                int zoneStart = text.length() - (text.endsWith("Z") || text.endsWith("z") ? 1 : 6);
                return OffsetDateTime.parse(text.substring(0, zoneStart) + "T00:00:00" + text.substring(zoneStart)).toInstant();
            }
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("failed to parse value as time or duration: \"" + text + "\"");
        }
    }
    // end::since[]

    /** 2026-12-07T09 and 2026-12-07T09:15 (docker takes both) as 2026-12-07T09:00:00 and 2026-12-07T09:15:00. */
    private static String withSeconds(String text) {
        Matcher zone = Pattern.compile("([zZ]|[+-][0-9]{2}:[0-9]{2})$").matcher(text);
        String suffix = zone.find() ? zone.group() : "";
        String time = text.substring(0, text.length() - suffix.length());
        int colons = (int) time.substring(time.indexOf('T')).chars().filter(c -> c == ':').count();
        return time + ":00".repeat(Math.max(0, 2 - colons)) + suffix;
    }

    private static Duration goDuration(String text) {
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L; // h
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
