package jrocker.step01.container;

import java.util.List;
import java.util.function.Consumer;

/**
 * Clean-up that must not stop half way: do {@code action} to every item, also after one fails, then throw
 * the first failure with the later ones attached as suppressed. Undoing a run's host stages (step01) and
 * removing a cgroup's directories (step02) both need exactly this.
 */
public final class EveryOne {
    private EveryOne() {
    }

    public static <T> void tryEach(List<T> items, Consumer<? super T> action) {
        RuntimeException failure = null;
        for (T item : items) {
            try {
                action.accept(item);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
