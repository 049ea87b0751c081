package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * When a process started, in clock ticks since boot: field 22 of {@code /proc/PID/stat}. PIDs are reused,
 * so "process 4242 exists" does not mean the container whose PID 1 was 4242 still runs; a process with
 * that PID and the same start time is the same process.
 */
public final class ProcessStartTime {
    private ProcessStartTime() {
    }

    /** The start time of {@code pid}, or empty when no such process is alive (a zombie has exited: empty too). */
    public static OptionalLong of(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return parse(stat);
    }

    /** True when process {@code pid} is alive and started at {@code startTime}: the same process, not a PID reuse. */
    public static boolean isAlive(long pid, long startTime) {
        OptionalLong now = of(pid);
        return now.isPresent() && now.getAsLong() == startTime;
    }

    /**
     * Field 2, the command name, is in parentheses and may itself contain spaces and ')': the fields are
     * counted from the last ')'. After it come field 3 (the state, 'Z' for a zombie) and so on.
     */
    static OptionalLong parse(String stat) {
        // tag::exercise-process-start-time[]
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields[0].equals("Z") || fields[0].equals("X")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[22 - 3]));
        // end::exercise-process-start-time[]
    }
}
