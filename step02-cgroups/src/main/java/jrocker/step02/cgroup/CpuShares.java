package jrocker.step02.cgroup;

/**
 * docker's {@code --cpu-shares}: a <em>relative</em> weight, used only when CPUs are contended. A
 * container with 2048 gets twice the CPU time of one with 1024 (the default) while both want more than
 * there is; an idle machine gives either all it asks for. cgroup v1 takes the value as is (cpu.shares,
 * 2 to 262144, the kernel's MIN_SHARES and MAX_SHARES = 2^18); cgroup v2 has {@code cpu.weight} instead,
 * 1 to 10000 with a default of 100, see {@link #weight()}.
 *
 * @param value the shares, 2 to 262144
 */
public record CpuShares(int value) {
    public static final int MIN = 2;
    public static final int MAX = 262_144;

    public CpuShares {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException(message(Integer.toString(value)));
        }
    }

    /** Parse a whole number from 2 to 262144. */
    public static CpuShares parse(String text) {
        if (!text.matches("[0-9]+") || Numbers.parseOrMax(text) > MAX || Numbers.parseOrMax(text) < MIN) {
            throw new IllegalArgumentException(message(text));
        }
        return new CpuShares(Integer.parseInt(text));
    }

    // tag::weight[]
    /**
     * The cgroup v2 {@code cpu.weight} for these shares, with the linear formula runc (before 1.3.2) and
     * crun (before 1.23) use, which maps the range 2..262144 onto 1..10000:
     * <pre>  weight = 1 + ((shares - 2) * 9999) / 262142    (integer division)</pre>
     * So 2 → 1 and 262144 → 10000, and a larger share never gives a smaller weight. A known quirk: docker's
     * default 1024 shares becomes weight 39, not v2's default 100, so such a container gets less CPU than
     * its siblings left at the default; newer runc and crun switched to a non-linear formula that maps
     * 1024 to 100 (opencontainers/runc#4772, opencontainers/cgroups#20). We keep the classic formula:
     * it is the one most existing documentation describes.
     */
    public int weight() {
        return weightOf(value);
    }

    /** {@link #weight()} as a plain function, for any shares from 2 to 262144. */
    public static int weightOf(int shares) {
        // tag::exercise-cpu-weight[]
        return (int) (1 + ((shares - 2L) * 9999) / 262142);
        // end::exercise-cpu-weight[]
    }
    // end::weight[]

    @Override
    public String toString() {
        return Integer.toString(value);
    }

    private static String message(String text) {
        return "invalid --cpu-shares \"" + text + "\": use a whole number from " + MIN + " to " + MAX
                + " (the default is 1024)";
    }
}
