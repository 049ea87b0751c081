package jrocker.step02;

import jrocker.step01.cli.Cli;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step02.cli.JrockerCommand;

/** {@code jrocker} of step02: step01's CLI, and {@code run} takes resource limits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, new JrockerCommand(), new LinuxSyscalls()));
    }
}
