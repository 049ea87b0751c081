package jrocker.step02.cgroup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's {@code --cpus 1.5}: how much CPU time the container may use, in CPUs. The kernel does not
 * know "1.5 CPUs"; its CFS bandwidth control grants a <em>quota</em> of CPU time per <em>period</em>, both
 * in microseconds. 1.5 CPUs = 150000 µs of CPU time (on any CPUs) in every 100000 µs period.
 *
 * <p>We accept at most 2 decimal places. 0.01 CPU is then the smallest value, and it is 1000 µs of
 * quota: exactly the kernel's minimum quota (1 ms). Docker accepts more digits and rounds.
 *
 * @param hundredths the number of CPUs times 100 (150 for {@code --cpus 1.5}); held as a whole number so
 *                   no floating point rounding ever reaches the kernel
 */
public record CpuQuota(int hundredths) {
    /** The CFS period jrocker uses, as docker does: 100 ms. */
    public static final long PERIOD_MICROS = 100_000;

    private static final Pattern SYNTAX = Pattern.compile("([0-9]*)(?:\\.([0-9]+))?");

    public CpuQuota {
        if (hundredths <= 0) {
            throw new IllegalArgumentException("the number of CPUs must be more than 0 (the smallest is 0.01)");
        }
    }

    /** Parse {@code 0.5}, {@code 2}, {@code 1.25} or {@code .5}; the host's CPU count is not checked here. */
    public static CpuQuota parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2) == null) {
            throw new IllegalArgumentException("invalid --cpus \"" + text
                    + "\": use a decimal number of CPUs such as 0.5 or 1.25");
        }
        String fraction = matcher.group(2) == null ? "" : matcher.group(2);
        if (fraction.length() > 2) {
            throw new IllegalArgumentException("invalid --cpus \"" + text
                    + "\": use at most 2 decimal places (0.01 CPU is 1 ms per 100 ms, the kernel's smallest quota)");
        }
        String whole = matcher.group(1).isEmpty() ? "0" : matcher.group(1);
        long value;
        try {
            value = Math.addExact(Math.multiplyExact(Long.parseLong(whole), 100),
                    fraction.isEmpty() ? 0 : Long.parseLong(fraction.length() == 1 ? fraction + "0" : fraction));
        } catch (ArithmeticException | NumberFormatException tooManyDigits) {
            value = Long.MAX_VALUE;
        }
        if (value == 0) {
            throw new IllegalArgumentException("invalid --cpus \"" + text
                    + "\": the number of CPUs must be more than 0 (the smallest is 0.01)");
        }
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid --cpus \"" + text + "\": far more CPUs than any machine has");
        }
        return new CpuQuota((int) value);
    }

    /** Parse, and refuse more CPUs than {@code online} has: such a quota could never be used up. */
    public static CpuQuota parse(String text, CpuSet online) {
        return parse(text).requireAtMost(online);
    }

    /** This quota, if it asks for no more CPUs than {@code online} holds. */
    public CpuQuota requireAtMost(CpuSet online) {
        if (hundredths > online.size() * 100L) {
            throw new IllegalArgumentException("--cpus " + this + " is more than the " + online.size()
                    + " online CPUs (" + online + "): use a value from 0.01 to " + online.size());
        }
        return this;
    }

    /** The value for cpu.cfs_quota_us (v1) or the first field of cpu.max (v2). */
    public long quotaMicros() {
        return hundredths * PERIOD_MICROS / 100;
    }

    /** The canonical text: {@code 0.5}, {@code 2}, {@code 1.25}, {@code 0.05}. */
    @Override
    public String toString() {
        int whole = hundredths / 100;
        int fraction = hundredths % 100;
        if (fraction == 0) {
            return Integer.toString(whole);
        }
        return whole + "." + (fraction % 10 == 0 ? Integer.toString(fraction / 10) : String.format("%02d", fraction));
    }
}
