package jrocker.step01.testing;

import java.util.function.Consumer;
import jrocker.step01.linux.LinuxSyscalls;

/**
 * For tests that need root (real namespaces, mounts, cgroups). On a laptop without root they are
 * skipped with a reason; where skipping is not allowed (CI runs Maven with
 * {@code -Djrocker.privileged=required}) they fail instead, so a green build always means they ran.
 * It lives in the main sources, without any JUnit type, so every step's tests can use it.
 */
public final class Privileges {
    private Privileges() {
    }

    public static boolean isRoot() {
        return new LinuxSyscalls().geteuid() == 0;
    }

    /**
     * Return when running as root. Otherwise: fail when privileged tests are required, or else hand a
     * skip reason to {@code skip}, e.g. {@code reason -> Assumptions.abort(reason)}.
     */
    public static void requireRoot(String why, Consumer<String> skip) {
        if (isRoot()) {
            return;
        }
        String reason = "needs root: " + why;
        if ("required".equals(System.getProperty("jrocker.privileged"))) {
            throw new AssertionError(reason + " (privileged tests are required here: -Djrocker.privileged=required)");
        }
        skip.accept(reason + " (run the tests with sudo to include it)");
    }
}
