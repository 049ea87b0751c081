package jrocker.step05.terminal;

import java.util.Arrays;
import java.util.List;
import jrocker.step01.container.InitProcess;
import jrocker.step01.linux.Syscalls;
import jrocker.step05.linux.LinuxTerminalSyscalls;

/**
 * What the container's init does at the end of {@code run -t}, in a process of its own (it changes the
 * process' session and stdio, which a test JVM must not do to itself):
 * {@code AttachTerminalChild SLAVE_PATH PROGRAM [ARG...]} runs the {@link AttachTerminal} stage with the real
 * calls, then execs PROGRAM the way the init does. A JVM started by ProcessBuilder does not lead a process
 * group, like the init, so setsid(2) works.
 */
public final class AttachTerminalChild {
    private AttachTerminalChild() {
    }

    public static void main(String[] args) {
        LinuxTerminalSyscalls syscalls = new LinuxTerminalSyscalls();
        List<String> argv = Arrays.asList(args).subList(1, args.length);
        Syscalls.PreparedExec command = syscalls.prepareExec(argv.get(0), argv, List.of("PATH=/usr/bin:/bin", "TERM=xterm"));
        new AttachTerminal(args[0]).run(syscalls);
        new InitProcess(syscalls).exec(command);
    }
}
