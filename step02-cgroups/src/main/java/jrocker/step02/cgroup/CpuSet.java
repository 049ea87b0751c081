package jrocker.step02.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of CPU numbers in the kernel's "list format" ({@code 0-1,3}), used by docker's
 * {@code --cpuset-cpus}, by the {@code cpuset.cpus} files and by {@code /sys/devices/system/cpu/online}.
 * The kernel also knows a stride syntax ({@code 0-7:2/4}); we do not need it.
 *
 * @param cpus the CPU numbers, never empty
 */
public record CpuSet(SortedSet<Integer> cpus) {
    /**
     * The highest CPU number we accept: Linux is built for at most 8192 CPUs (CONFIG_NR_CPUS). The bound
     * also keeps a typo like {@code 0-2000000000} from building a set of two billion numbers.
     */
    public static final int MAX_CPU = 8191;

    /** Where the kernel lists the CPUs that are online now. */
    public static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    public CpuSet {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a CPU set cannot be empty");
        }
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }

    /** Parse the list format: numbers and ranges separated by commas, e.g. {@code 0-2,4}. */
    public static CpuSet parse(String text) {
        // tag::exercise-cpu-set[]
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2 || !ends[0].matches("[0-9]+") || ends.length == 2 && !ends[1].matches("[0-9]+")) {
                throw new IllegalArgumentException("invalid CPU list \"" + text
                        + "\": use CPU numbers and ranges such as 0-2,4");
            }
            for (String end : ends) {
                if (Numbers.parseOrMax(end) > MAX_CPU) {
                    throw new IllegalArgumentException("invalid CPU list \"" + text + "\": CPU " + end
                            + " does not exist, Linux numbers CPUs from 0 to at most " + MAX_CPU);
                }
            }
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
            if (first > last) {
                throw new IllegalArgumentException("invalid CPU list \"" + text + "\": the range " + part
                        + " goes backwards, write " + last + "-" + first);
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return new CpuSet(cpus);
        // end::exercise-cpu-set[]
    }

    /** The CPUs listed in a sysfs file such as {@link #ONLINE} (one line, list format). */
    public static CpuSet read(Path file) {
        try {
            return parse(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU list in " + file, e);
        }
    }

    /** The CPUs online on this machine now. */
    public static CpuSet online() {
        return read(ONLINE);
    }

    /** This set, if every CPU in it is in {@code online}: a cgroup cannot be given a CPU that is off. */
    public CpuSet requireWithin(CpuSet online) {
        TreeSet<Integer> missing = new TreeSet<>(cpus);
        missing.removeAll(online.cpus);
        if (!missing.isEmpty()) {
            String which = missing.size() == 1 ? "CPU " + missing.first() + " is" : "CPUs " + new CpuSet(missing) + " are";
            throw new IllegalArgumentException("--cpuset-cpus " + this + ": " + which
                    + " not online (online CPUs: " + online + ")");
        }
        return this;
    }

    public int size() {
        return cpus.size();
    }

    /** The canonical list format: ascending, runs of 2 or more collapsed into ranges ({@code 0-1,3}). */
    @Override
    public String toString() {
        // tag::exercise-cpu-set[]
        StringBuilder text = new StringBuilder();
        Iterator<Integer> it = cpus.iterator();
        int first = it.next();
        int last = first;
        while (it.hasNext()) {
            int cpu = it.next();
            if (cpu != last + 1) {
                appendRun(text, first, last);
                first = cpu;
            }
            last = cpu;
        }
        appendRun(text, first, last);
        return text.toString();
        // end::exercise-cpu-set[]
    }

    private static void appendRun(StringBuilder text, int first, int last) {
        if (text.length() > 0) {
            text.append(',');
        }
        text.append(first);
        if (last != first) {
            text.append('-').append(last);
        }
    }
}
