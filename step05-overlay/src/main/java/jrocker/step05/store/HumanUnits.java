package jrocker.step05.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/**
 * Sizes and ages the way docker prints them (its go-units library): {@code 4.26MB} (decimal units, three
 * significant digits) and {@code 3 minutes} (for {@code images} and {@code ps}).
 */
public final class HumanUnits {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanUnits() {
    }

    /** {@code 0B}, {@code 999B}, {@code 1.2kB}, {@code 4.26MB}, {@code 123MB}: decimal, like docker. */
    public static String size(long bytes) {
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal thousand = BigDecimal.valueOf(1000);
        int unit = 0;
        // Round first, then move up a unit if rounding reached 1000 (999999 bytes is "1MB", not "1e+03kB").
        BigDecimal rounded = value.round(new MathContext(3));
        while (rounded.compareTo(thousand) >= 0 && unit < UNITS.length - 1) {
            value = value.divide(thousand);
            rounded = value.round(new MathContext(3));
            unit++;
        }
        return rounded.stripTrailingZeros().toPlainString() + UNITS[unit];
    }

    /**
     * docker's HumanDuration (go-units), for {@code images} and {@code ps}: "Less than a second",
     * "About a minute", "3 hours", "2 weeks", ... The callers add " ago" where it fits.
     */
    public static String duration(Duration d) {
        long seconds = d.getSeconds(); // whole seconds; negative (a clock set back) reads as "Less than a second"
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0); // go-units rounds hours: 1h40m is "2 hours"
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        // go-units counts years from the unrounded hours, so for the half hour before two years it says
        // "1 years" right after "24 months": jrocker uses the rounded hours, and the text never goes back.
        return hours / 24 / 365 + " years";
    }
}
