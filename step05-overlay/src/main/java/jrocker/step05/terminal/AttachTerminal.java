package jrocker.step05.terminal;

import jrocker.step01.container.InitStage;
import jrocker.step05.linux.TerminalSyscalls;

// tag::attach-terminal-stage[]
/**
 * {@code run -t}: the container's command gets a terminal of its own, the pty slave {@code slavePath}
 * ({@code /dev/pts/N} of the container's devpts), as its controlling terminal and its stdin, stdout and
 * stderr. {@code tty} inside then prints that name, the shell finds a terminal it controls (job control,
 * Ctrl-C, Ctrl-Z work), and jrocker, which holds the pty's master side, relays it to the user's terminal
 * ({@link TerminalRelay}).
 *
 * <p>An after-Go stage, the last before exec: jrocker creates the pty between Ready and Go (the container's
 * /dev/pts must exist, and the init mounts it before Ready), so the slave exists only after Go. The plan
 * is sent before that, so it names the slave in advance: for {@code run}, {@link PtyMaster#FIRST_SLAVE},
 * the first pty of the container's fresh devpts, which {@link PtyMaster#openFirstInContainer} checks it got.
 *
 * <p>Do not combine it with step01's {@code TakeTerminal}: that makes the init a process group leader, and
 * setsid(2) then fails. The new session makes it unnecessary anyway: the session's only process group is
 * the pty's foreground group.
 */
public record AttachTerminal(String slavePath) implements InitStage<TerminalSyscalls> {

    /** Only a pty slave, checked on both sides of the control channel: the init opens this path as root. */
    public AttachTerminal {
        if (!isPtySlave(slavePath)) {
            throw new IllegalArgumentException("not a pty slave path (/dev/pts/N): " + slavePath);
        }
    }

    /** Before Ready: bind the C functions {@link #run} calls after Go (only a container with -t needs them). */
    @Override
    public void prepare(TerminalSyscalls syscalls) {
        syscalls.prepareTerminal();
    }

    @Override
    public void run(TerminalSyscalls syscalls) {
        syscalls.attachTerminal(slavePath);
    }

    private static boolean isPtySlave(String path) {
        String prefix = "/dev/pts/";
        if (path == null || !path.startsWith(prefix) || path.length() == prefix.length() || path.length() > prefix.length() + 9) {
            return false;
        }
        for (int i = prefix.length(); i < path.length(); i++) {
            if (path.charAt(i) < '0' || path.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
// end::attach-terminal-stage[]
