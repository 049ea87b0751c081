package jrocker.step05.store;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import jrocker.step05.blob.Layer;
import jrocker.step05.image.Digest;

/**
 * docker's pull output, one line per layer, named by the first 12 hex digits of its blob digest:
 * <pre>
 *   4f4fb700ef54: Already exists
 *   a1b2c3d4e5f6: Downloading 12.3MB/45.6MB
 *   0123456789ab: Pull complete
 * </pre>
 * On a terminal each layer keeps its line, rewritten in place (the cursor moves up to it and back:
 * ANSI escape sequences), the download counts redrawn at most every 100 ms. Elsewhere (a pipe, a log) every
 * change of state is a line of its own, and the byte counts are left out, as docker does.
 */
public final class PullProgressLines {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final List<String> order = new ArrayList<>();
    private final Map<String, String> lines = new HashMap<>();
    private final Map<String, Long> downloaded = new HashMap<>();
    private final Map<String, Long> lastDraw = new HashMap<>();

    public PullProgressLines(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Lines for {@code out}, rewritten in place when stdout is a terminal. */
    public static PullProgressLines forStdout(PrintWriter out) {
        return forTerminal(out, 1);
    }

    /** Lines for {@code out}, rewritten in place when file descriptor {@code fd} (where it goes) is a terminal. */
    public static PullProgressLines forTerminal(PrintWriter out, int fd) {
        boolean terminal;
        try {
            terminal = new jrocker.step01.linux.LinuxSyscalls().isatty(fd);
        } catch (RuntimeException | LinkageError e) {
            terminal = false; // no native access: plain lines, the pull still works
        }
        return new PullProgressLines(out, terminal, System::nanoTime);
    }

    public synchronized void status(Layer layer, LayerProgress.Status status) {
        show(layer.digest(), status.toString(), true);
    }

    public synchronized void bytes(Layer layer, long read) {
        String id = layer.digest().shortHex();
        long done = downloaded.merge(id, read, Long::sum);
        if (!terminal) {
            return;
        }
        long now = nanoClock.getAsLong();
        Long last = lastDraw.get(id);
        if (last != null && now - last < REDRAW_NANOS && done < layer.size()) {
            return;
        }
        lastDraw.put(id, now);
        show(layer.digest(), LayerProgress.Status.DOWNLOADING + " " + HumanUnits.size(done) + "/"
                + HumanUnits.size(layer.size()), false);
    }

    public synchronized void retrying(Digest blob, int attempt, long offset, IOException cause) {
        show(blob, LayerProgress.Status.RETRYING + " (attempt " + (attempt + 1) + ", from byte " + offset + "): "
                + cause.getMessage(), true);
    }

    /** A line for a layer that is not one of the store's: docker's "Digest:" and "Status:" lines. */
    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    private void show(Digest blob, String text, boolean always) {
        String id = blob.shortHex();
        String line = id + ": " + text;
        if (!terminal) {
            if (always && !line.equals(lines.put(id, line))) {
                out.println(line);
            }
            out.flush();
            return;
        }
        int index = order.indexOf(id);
        if (index < 0) {
            order.add(id);
            lines.put(id, line);
            out.println(line);
        } else if (!line.equals(lines.put(id, line))) {
            int up = order.size() - index;
            // up to the layer's line, rewrite it (erasing what was longer), back down to below the last one
            out.print("\u001b[" + up + "A\r\u001b[2K" + line + "\r\u001b[" + up + "B");
        }
        out.flush();
    }
}
