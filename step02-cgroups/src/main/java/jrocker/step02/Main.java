package jrocker.step02;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.Step;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.Syscalls;
import jrocker.step02.cli.CgroupChecks;
import jrocker.step02.cli.JrockerCommand;

/** {@code jrocker} of step02: step01's CLI, and {@code run} takes resource limits. */
public final class Main {
    /** Step 2: control groups. */
    public static final Step<Syscalls> STEP = new Step<>(2, "step02-cgroups", Main.class, new LinuxSyscalls(),
            JrockerCommand.class, CgroupChecks.STEP02);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, STEP));
    }
}
