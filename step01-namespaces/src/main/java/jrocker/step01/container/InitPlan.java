package jrocker.step01.container;

import java.util.List;

/**
 * Everything the container's init needs to know: the stages to run, in order, and then the command
 * to execute. jrocker builds it on the host and sends it over the control channel.
 *
 * @param stages     what to prepare before Ready, in order (each later step adds its own)
 * @param afterGo    what to do after Go, right before execve: only calls that allocate nothing, since by
 *                   then the init may be in a cgroup with a tiny memory and pids limit (step02)
 * @param command    the user's command, run last with execve
 */
public record InitPlan(List<InitStage<?>> stages, List<InitStage<?>> afterGo, Command command) {

    /**
     * The user's command. {@code argv} is passed verbatim (never split on spaces); {@code argv[0]} is
     * looked up in the PATH of {@code env} when it has no slash, the way a shell would.
     */
    public record Command(List<String> argv, List<String> env) {
        public Command {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("no command to run");
            }
            argv = List.copyOf(argv);
            env = List.copyOf(env);
            for (String text : argv) {
                requireNoNul(text, "argument");
            }
            for (String text : env) {
                requireNoNul(text, "environment variable");
            }
        }

        /** execve takes C strings, which end at the first NUL: the rest would silently vanish. */
        private static void requireNoNul(String text, String what) {
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an " + what + " cannot contain a NUL byte: " + text.replace('\0', '?'));
            }
        }

        /** The value of {@code name} in {@code env}, or {@code fallback}. */
        public String getenv(String name, String fallback) {
            for (String entry : env) {
                if (entry.startsWith(name + "=")) {
                    return entry.substring(name.length() + 1);
                }
            }
            return fallback;
        }
    }

    public InitPlan {
        stages = List.copyOf(stages);
        afterGo = List.copyOf(afterGo);
    }
}
