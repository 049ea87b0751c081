package jrocker.step01.cli;

import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ExitCodes;
import jrocker.step01.container.Hostname;
import jrocker.step01.linux.Syscalls;
import picocli.CommandLine.Option;

/** {@code run}'s options of step01: -i, -t and --hostname (a picocli mixin: every step's {@code run} has them). */
public final class NamespaceOptions {
    @Option(names = {"-i", "--interactive"}, description = "Keep stdin connected to the container.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "The container's command runs on your terminal (use with -i: -it).")
    boolean tty;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The container's hostname (default: its short ID).")
    String hostname;

    /** What the options asked for; a hostname docker would refuse is a one-line error with exit code 125. */
    public Settings settings() {
        return new Settings(interactive, tty, hostname == null ? null : Hostname.check(hostname));
    }

    /**
     * -i, -t and --hostname as given.
     *
     * @param hostname the container's hostname, or null for its short ID
     */
    public record Settings(boolean interactive, boolean tty, String hostname) {

        /** --hostname, or the container's short ID. */
        public String hostname(ContainerId id) {
            return hostname != null ? hostname : id.shortId();
        }

        /** Namespaces and mounts need CAP_SYS_ADMIN (in practice, root); -t needs a terminal to hand over. */
        public void requireRootAndTerminal(Syscalls syscalls) {
            if (syscalls.geteuid() != 0) {
                throw new ContainerException(ExitCodes.RUNTIME_FAILED,
                        "run needs root (namespaces and mounts need CAP_SYS_ADMIN); try sudo");
            }
            if (tty && !syscalls.isatty(0)) {
                throw ContainerException.runtime("the input device is not a TTY: drop -t, or run from a terminal");
            }
        }

        /** The command's environment. Like docker: nothing from the host, a PATH, HOSTNAME and HOME (and TERM with -t). */
        public List<String> environment(String containerHostname) {
            List<String> env = new ArrayList<>();
            env.add("PATH=" + CommandLookup.DEFAULT_PATH);
            env.add("HOSTNAME=" + containerHostname);
            env.add("HOME=/root");
            if (tty) {
                env.add("TERM=" + System.getenv().getOrDefault("TERM", "xterm"));
            }
            return env;
        }
    }
}
