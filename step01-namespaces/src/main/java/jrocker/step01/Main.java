package jrocker.step01;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.JrockerCommand;
import jrocker.step01.linux.LinuxSyscalls;

/** {@code jrocker} of step01: {@code run} a command in new namespaces, and {@code doctor}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, new JrockerCommand(), new LinuxSyscalls()));
    }
}
