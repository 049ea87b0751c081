package jrocker.step02.cgroup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as docker's {@code -m/--memory} flag writes them: {@code 64m}, {@code 1g}, {@code 512k},
 * {@code 1048576}. A number with an optional unit b, k, m or g, case-insensitive, in powers of 1024
 * (so {@code 1k} is 1024 bytes, as in the kernel's own files).
 *
 * <p>Docker also accepts decimals ({@code 1.5g}) and spellings like {@code 64mb}; we do not, so every
 * accepted text means exactly one whole number of bytes and the error message can show the one syntax.
 * Spaces are not accepted either: a value that is not exactly right is refused, never guessed.
 */
public final class MemorySize {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    /**
     * The smallest memory limit: 6 MiB, docker's minimum too. Below that a container cannot even start
     * its first process (the kernel charges page tables, the binary's pages and the stack to the
     * cgroup). Our 16m OOM test is well above it.
     */
    public static final long MIN_LIMIT = 6 * MIB;

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+)([bkmg]?)", Pattern.CASE_INSENSITIVE);

    private MemorySize() {
    }

    /** The number of bytes {@code text} means; any size from 0 up. */
    public static long parse(String text) {
        // tag::exercise-memory-size[]
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid memory size \"" + text
                    + "\": use a number with an optional unit b, k, m or g, e.g. 64m");
        }
        long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> KIB;
            case "m" -> MIB;
            case "g" -> GIB;
            default -> 1; // "" or "b"
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException tooManyDigits) {
            throw new IllegalArgumentException("invalid memory size \"" + text
                    + "\": too large, the largest is " + format(Long.MAX_VALUE) + " bytes");
        }
        // end::exercise-memory-size[]
    }

    /** {@link #parse} for the {@code --memory} flag: also refuses limits below {@link #MIN_LIMIT}. */
    public static long parseLimit(String text) {
        return requireLimit(parse(text));
    }

    /** {@code bytes}, if it is a usable memory limit. */
    public static long requireLimit(long bytes) {
        if (bytes < MIN_LIMIT) {
            throw new IllegalArgumentException("memory limit " + format(bytes) + " is too small: the minimum is "
                    + format(MIN_LIMIT) + " (as in docker), below that a container cannot even start");
        }
        return bytes;
    }

    /**
     * The shortest text for {@code bytes}: the largest unit that divides it exactly ({@code 1g},
     * {@code 1536m}, {@code 4097k}), or the plain number of bytes. {@code parse(format(x)) == x}.
     */
    public static String format(long bytes) {
        // tag::exercise-memory-size[]
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "g";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "m";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "k";
        }
        return Long.toString(bytes);
        // end::exercise-memory-size[]
    }

    /**
     * {@link #format} in words, for messages: the same largest unit that divides {@code bytes} exactly, as
     * {@code 16 MiB}, {@code 1 GiB} or {@code 4097 KiB}, and {@code 1000 bytes} when no unit does.
     */
    public static String describe(long bytes) {
        String flag = format(bytes);
        String number = flag.substring(0, flag.length() - 1);
        return switch (flag.charAt(flag.length() - 1)) {
            case 'g' -> number + " GiB";
            case 'm' -> number + " MiB";
            case 'k' -> number + " KiB";
            default -> flag + " bytes";
        };
    }
}
