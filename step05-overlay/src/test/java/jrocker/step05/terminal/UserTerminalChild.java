package jrocker.step05.terminal;

import java.io.File;
import java.nio.file.Path;

/**
 * jrocker's side of {@code run -it} in a process of its own, whose stdin and stdout are a terminal the test
 * plays: {@code UserTerminalChild BUSYBOX SCRIPT} creates a pty, runs {@code busybox sh -c SCRIPT} on it (with
 * {@code setsid -c}, in place of a container), and relays this process' terminal to it with
 * {@link TerminalRelay#relayUserTerminal}: raw mode, SIGWINCH, and the exit status.
 */
public final class UserTerminalChild {
    private UserTerminalChild() {
    }

    public static void main(String[] args) throws Exception {
        String busybox = args[0];
        System.out.println("jrocker " + ProcessHandle.current().pid()); // for a test that stops this process
        System.out.flush();
        PtyMaster master = PtyMaster.open(Path.of("/dev/ptmx"));
        TerminalRelay.resizeToUserTerminal(master); // before the program starts, as jrocker does before Go
        String slave = master.slavePath();
        Process program = new ProcessBuilder(busybox, "sh", "-c",
                "exec \"$0\" setsid -c \"$0\" sh -c \"$1\" <" + slave + " >" + slave + " 2>&1", busybox, args[1])
                .redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        System.out.println("program " + program.pid()); // its session, for the test to kill whatever happens
        System.out.flush();
        int status = TerminalRelay.relayUserTerminal(master, true, () -> {
            try {
                return program.waitFor();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        System.exit(status);
    }
}
