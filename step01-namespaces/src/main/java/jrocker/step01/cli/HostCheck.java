package jrocker.step01.cli;

/**
 * One line of {@code jrocker doctor}: something jrocker needs from the host, whether it is there,
 * and what to do when it is not.
 *
 * @param name     what is checked, e.g. "namespace pid"
 * @param ok       whether it is there
 * @param detail   what was found
 * @param fix      what to do when it is not there (empty when ok)
 * @param fromStep the first step of the course that needs it; doctor of step N fails only for checks
 *                 with fromStep &lt;= N
 */
public record HostCheck(String name, boolean ok, String detail, String fix, int fromStep) {

    public static HostCheck ok(String name, String detail, int fromStep) {
        return new HostCheck(name, true, detail, "", fromStep);
    }

    public static HostCheck missing(String name, String detail, String fix, int fromStep) {
        return new HostCheck(name, false, detail, fix, fromStep);
    }
}
