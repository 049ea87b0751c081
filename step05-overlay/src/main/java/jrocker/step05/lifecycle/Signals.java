package jrocker.step05.lifecycle;

import java.util.List;
import java.util.Locale;

/** Signal names and numbers, as {@code kill -s} and {@code stop} take them (Linux numbering). */
public final class Signals {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    /** Index = signal number. */
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private Signals() {
    }

    /** "TERM", "SIGTERM", "sigterm" or "15" → 15; anything else is an IllegalArgumentException with the reason. */
    public static int parse(String text) {
        // tag::exercise-signal-names[]
        if (text.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number < NAMES.size()) {
                return number;
            }
        }
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        int number = NAMES.indexOf(name);
        if (number >= 1) {
            return number;
        }
        throw new IllegalArgumentException("unknown signal \"" + text + "\": give a name such as TERM, KILL, HUP, INT,"
                + " USR1, or a number from 1 to " + (NAMES.size() - 1));
        // end::exercise-signal-names[]
    }

    /** 15 → "SIGTERM". */
    public static String name(int number) {
        return number >= 1 && number < NAMES.size() ? "SIG" + NAMES.get(number) : "signal " + number;
    }
}
