package jrocker.step04;

import jrocker.step01.cli.Cli;
import jrocker.step04.cli.JrockerCommand;
import jrocker.step04.linux.LinuxPivotRootSyscalls;

/** {@code jrocker} of step04: step03's CLI, with pivot_root instead of chroot. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, new JrockerCommand(), new LinuxPivotRootSyscalls()));
    }
}
