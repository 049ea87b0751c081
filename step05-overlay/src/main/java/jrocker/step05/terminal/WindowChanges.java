package jrocker.step05.terminal;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Run something each time the user's terminal window changes size: the kernel then sends SIGWINCH to the
 * terminal's foreground process group, jrocker.
 *
 * <p>Java has no public API for signals; {@code sun.misc.Signal}, in the {@code jdk.unsupported} module, is
 * the one the JDK keeps for exactly such uses (JLine, for one, follows the window size with it). The
 * compiler warns that it is internal; this class is the only place that uses it.
 */
public final class WindowChanges implements AutoCloseable {
    private final Signal windowChanged = new Signal("WINCH");
    /** What handled SIGWINCH before; null when this JVM would not let us handle it. */
    private final SignalHandler previous;

    /**
     * From now until {@link #close}, run {@code action} on every SIGWINCH (in the JVM's signal thread). When the
     * JVM refuses (started with {@code -Xrs}, say), the size is only set at the start: a relay without it is
     * still better than none.
     */
    public WindowChanges(Runnable action) {
        SignalHandler before;
        try {
            before = Signal.handle(windowChanged, signal -> action.run());
        } catch (IllegalArgumentException refused) {
            before = null;
        }
        previous = before;
    }

    /** Give SIGWINCH back to whoever had it before (the JVM, which ignores it). */
    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(windowChanged, previous);
        }
    }
}
