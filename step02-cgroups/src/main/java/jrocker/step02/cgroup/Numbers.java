package jrocker.step02.cgroup;

/** A helper for the flag parsers. */
final class Numbers {
    private Numbers() {
    }

    /**
     * The value of a string of ASCII digits, or Long.MAX_VALUE when it is too long for a long: every
     * parser has an upper bound far below that, so "too large" needs no special case of its own.
     */
    static long parseOrMax(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
