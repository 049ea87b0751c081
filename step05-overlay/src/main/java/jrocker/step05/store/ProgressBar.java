package jrocker.step05.store;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal, redrawn in place with a carriage return:
 * <pre>Importing busybox.tar [=============&gt;      ]  1.2MB/1.9MB  12.5MB/s</pre>
 * Only for terminals: in a log file or a pipe the carriage returns would be noise, so the CLI uses it only
 * when both stdout and stderr are terminals ({@link #forStderr}): a command whose output goes to a pipe or a
 * file stays quiet, and the bar never mixes into what a script reads. Redraws at most every 100 ms, and once at the end, with a newline.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long lastDrawNanos;
    private boolean finished;
    private int lastLength; // a shorter line must blank out the end of the longer one it overwrites

    public ProgressBar(PrintWriter out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /** A bar on {@code err} when file descriptor 2 is a terminal, else {@link ProgressListener#NONE}. */
    public static ProgressListener forStderr(PrintWriter err) {
        boolean terminal;
        try {
            jrocker.step01.linux.LinuxSyscalls syscalls = new jrocker.step01.linux.LinuxSyscalls();
            terminal = syscalls.isatty(1) && syscalls.isatty(2);
        } catch (RuntimeException | LinkageError e) {
            terminal = false; // no native access: no bar, the command still works
        }
        return terminal ? new ProgressBar(err, System::nanoTime) : ProgressListener.NONE;
    }

    @Override
    public void progress(long bytesDone, long bytesTotal, String what) {
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
        }
        boolean done = bytesDone >= bytesTotal;
        if (finished || !done && now - lastDrawNanos < REDRAW_NANOS && lastDrawNanos != 0) {
            return;
        }
        lastDrawNanos = now;
        String line = line(bytesDone, bytesTotal, what, now - startNanos);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        if (done) {
            out.println();
            finished = true;
        }
        out.flush();
    }

    /** The bar's text, without the carriage return. */
    static String line(long done, long total, String what, long elapsedNanos) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double seconds = elapsedNanos / 1e9;
        String rate = seconds <= 0 ? "" : "  " + HumanUnits.size((long) (done / seconds)) + "/s";
        return what + " [" + bar + "]  " + HumanUnits.size(done) + "/" + HumanUnits.size(total) + rate;
    }
}
