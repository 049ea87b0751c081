package jrocker.step01.container;

import java.util.Map;

// tag::trace[]
/**
 * {@code JROCKER_TRACE=1}: where a start goes. Each JVM (the CLI and the container's init) prints a line on
 * stderr at each phase, with the time since the {@code jrocker} launcher script started, so that the two
 * JVMs' lines sort into one story:
 * <pre>
 * jrocker trace:   48.1 ms  cli   main
 * jrocker trace:  102.7 ms  init  main
 * </pre>
 * The launcher puts its start time in {@code JROCKER_TRACE_START} (microseconds since the epoch, from bash's
 * {@code EPOCHREALTIME}); the init inherits the CLI's environment, and with it the same start. A JVM started
 * without the launcher counts from its first line. Without {@code JROCKER_TRACE}, {@link #phase} costs one
 * test of a constant: nothing is loaded, nothing printed.
 */
public final class Trace {
    /** Set (to anything but 0) to trace. */
    public static final String VARIABLE = "JROCKER_TRACE";
    /** The launcher's start, in microseconds since the epoch. */
    static final String START = "JROCKER_TRACE_START";

    private static final boolean ON = on(System.getenv(VARIABLE));
    private static String process = "cli";
    /** The launcher's start, and this JVM's first reading of the wall clock with the monotonic clock's (0 before). */
    private static long startMicros;
    private static long firstMicros;
    private static long firstNanos;

    private Trace() {
    }

    static boolean on(String value) {
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** This JVM is the container's init (the CLI is the default). */
    public static void inInit() {
        process = "init";
    }

    /** One line: the time since the launcher started, this JVM's role, and {@code what} has just happened. */
    public static void phase(String what) {
        if (ON) {
            print(what);
        }
    }
    // end::trace[]

    private static synchronized void print(String what) {
        long now = nowMicros();
        System.err.println(line(now - startMicros, process, what));
        System.err.flush();
    }

    /** No String.format: its first use loads and compiles a regular expression, milliseconds that the trace would show. */
    static String line(long micros, String process, String what) {
        long tenths = Math.max(0, micros) / 100;
        String milliseconds = (tenths / 10) + "." + (tenths % 10);
        return "jrocker trace: " + " ".repeat(Math.max(0, 7 - milliseconds.length())) + milliseconds + " ms  "
                + process + " ".repeat(Math.max(0, 4 - process.length())) + "  " + what;
    }

    /**
     * Microseconds since the epoch: the wall clock once (its time is comparable between processes), then the
     * monotonic clock from there (cheaper, and it never jumps).
     */
    private static long nowMicros() {
        if (firstNanos == 0) {
            java.time.Instant wall = java.time.Instant.now();
            firstNanos = System.nanoTime();
            firstMicros = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000;
            startMicros = parseStart(System.getenv(START), firstMicros);
        }
        return firstMicros + (System.nanoTime() - firstNanos) / 1000;
    }

    /** The launcher's start, or {@code fallback} when there is none (or it is not a number). */
    static long parseStart(String value, long fallback) {
        if (value == null || value.length() < 10 || value.length() > 18) {
            return fallback;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return fallback;
            }
        }
        return Long.parseLong(value);
    }

    /**
     * The environment of a jrocker JVM this one starts (the init): the same start time, so that its lines
     * continue this JVM's story; nothing when not tracing.
     */
    public static synchronized void passOn(Map<String, String> environment) {
        if (ON && !environment.containsKey(START)) {
            nowMicros();
            environment.put(START, Long.toString(startMicros));
        }
    }
}
