package jrocker.step03;

import jrocker.step01.cli.Cli;
import jrocker.step03.cli.JrockerCommand;
import jrocker.step03.linux.LinuxRootfsSyscalls;

/** {@code jrocker} of step03: step02's CLI, {@code run --rootfs}, and {@code rootfs busybox}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, new JrockerCommand(), new LinuxRootfsSyscalls()));
    }
}
