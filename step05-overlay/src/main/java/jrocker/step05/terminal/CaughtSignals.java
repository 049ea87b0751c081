package jrocker.step05.terminal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals this JVM catches for a while, instead of what the JVM does with them: SIGWINCH when the user's terminal
 * window changes size (the kernel sends it to the terminal's foreground process group: jrocker), or the signals
 * {@code attach} passes on to the container ({@code --sig-proxy}).
 *
 * <p>Java has no public API for signals; {@code sun.misc.Signal}, in the {@code jdk.unsupported} module, is
 * the one the JDK keeps for exactly such uses (JLine, for one, follows the window size with it). The
 * compiler warns that it is internal; this class is the only place that uses it.
 */
public final class CaughtSignals implements AutoCloseable {
    /** What handled each caught signal before. A signal the JVM would not let us handle is not in it. */
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();

    /**
     * From now until {@link #close}, run {@code action} with the signal's name ({@code "INT"}) on each of
     * {@code names} (in the JVM's signal thread). A signal the JVM keeps for itself (SIGQUIT for its thread dumps;
     * any, when started with {@code -Xrs}) is left as it is: see {@link #refused}.
     */
    public CaughtSignals(List<String> names, Consumer<String> action) {
        for (String name : names) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, caught -> action.accept(caught.getName())));
            } catch (IllegalArgumentException keptByTheJvm) {
                refused.add(name);
            }
        }
    }

    /** On each SIGWINCH, until {@link #close}: when the JVM refuses it, the size is only set at the start. */
    public static CaughtSignals windowChanges(Runnable action) {
        return new CaughtSignals(List.of("WINCH"), name -> action.run());
    }

    /** The signals the JVM would not let go of. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** Give each signal back to whoever had it before (the JVM). */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
