package jrocker.step02.cgroup;

/**
 * docker's {@code --pids-limit N}: at most N tasks (processes and threads) in the container, enforced by
 * the pids controller's {@code pids.max}. It stops a fork bomb from taking the host's whole PID space.
 *
 * <p>Docker also accepts {@code -1} (and 0) to mean "unlimited". We do not: unlimited is what you get
 * without the flag, and one spelling per meaning keeps {@code --pids-limit 0} from silently doing the
 * opposite of what it seems to say.
 */
public final class PidsLimit {
    /** The kernel's upper bound for pids.max: PID_MAX_LIMIT, 4 * 1024 * 1024 on 64-bit machines. */
    public static final long MAX = 4L * 1024 * 1024;

    private PidsLimit() {
    }

    /** Parse a whole number of tasks from 1 to {@link #MAX}. */
    public static long parse(String text) {
        if (!text.matches("[0-9]+") || Numbers.parseOrMax(text) > MAX) {
            throw new IllegalArgumentException(message(text));
        }
        return require(Long.parseLong(text));
    }

    /** {@code max}, if it is a valid limit. */
    public static long require(long max) {
        if (max < 1 || max > MAX) {
            throw new IllegalArgumentException(message(Long.toString(max)));
        }
        return max;
    }

    private static String message(String text) {
        return "invalid --pids-limit \"" + text + "\": use a whole number of processes from 1 to " + MAX
                + "; for no limit leave the flag out (docker's -1 is not accepted)";
    }
}
