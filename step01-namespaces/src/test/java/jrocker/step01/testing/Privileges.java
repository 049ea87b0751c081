package jrocker.step01.testing;

import java.util.function.Consumer;
import jrocker.step01.linux.LinuxSyscalls;

/**
 * For tests that need root (real namespaces, mounts, cgroups). On a laptop without root they are
 * skipped with a reason; where skipping is not allowed (CI sets {@code JROCKER_PRIVILEGED=required})
 * they fail instead, so a green CI build always means they ran.
 * It is in step01's test-jar, so every later step's tests can use it.
 */
public final class Privileges {
    private Privileges() {
    }

    /** True where skipping is not allowed: {@code JROCKER_PRIVILEGED=required} (or the system property). */
    public static boolean areRequired() {
        return "required".equals(System.getenv("JROCKER_PRIVILEGED"))
                || "required".equals(System.getProperty("jrocker.privileged"));
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
        if (areRequired()) {
            throw new AssertionError(reason + " (privileged tests are required here: JROCKER_PRIVILEGED=required)");
        }
        skip.accept(reason + " (run the tests with sudo to include it)");
    }
}
