package jrocker.step04;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.Step;
import jrocker.step02.cli.CgroupChecks;
import jrocker.step04.cli.JrockerCommand;
import jrocker.step04.linux.LinuxPivotRootSyscalls;
import jrocker.step04.linux.PivotRootSyscalls;

/** {@code jrocker} of step04: step03's CLI, with pivot_root instead of chroot. */
public final class Main {
    /** Step 4: pivot_root, /proc, /dev and /sys. */
    public static final Step<PivotRootSyscalls> STEP = new Step<>(4, "step04-pivot-root", Main.class,
            new LinuxPivotRootSyscalls(), JrockerCommand.class, CgroupChecks.STEP02);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, STEP));
    }
}
