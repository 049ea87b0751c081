package jrocker.step01;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.HostChecks;
import jrocker.step01.cli.JrockerCommand;
import jrocker.step01.cli.Step;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.Syscalls;

/** {@code jrocker} of step01: {@code run} a command in new namespaces, and {@code doctor}. */
public final class Main {
    // tag::step[]
    /** Step 1: namespaces. */
    public static final Step<Syscalls> STEP = new Step<>(1, "step01-namespaces", Main.class, new LinuxSyscalls(),
            JrockerCommand.class, HostChecks.STEP01);
    // end::step[]

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, STEP));
    }
}
