package jrocker.step03;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.Step;
import jrocker.step02.cli.CgroupChecks;
import jrocker.step03.cli.JrockerCommand;
import jrocker.step03.linux.LinuxRootfsSyscalls;
import jrocker.step03.linux.RootfsSyscalls;

/** {@code jrocker} of step03: step02's CLI, {@code run --rootfs}, and {@code rootfs busybox}. */
public final class Main {
    /** Step 3: a root file system of its own; from now on a static busybox is required (doctor says so). */
    public static final Step<RootfsSyscalls> STEP = new Step<>(3, "step03-busybox-rootfs", Main.class,
            new LinuxRootfsSyscalls(), JrockerCommand.class, CgroupChecks.STEP02);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, STEP));
    }
}
