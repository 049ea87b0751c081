package jrocker.step03.cli;

import picocli.CommandLine.Command;

/** step03's {@code doctor}: the same checks; from now on a static busybox is required. */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.")
public class DoctorCommand extends jrocker.step02.cli.DoctorCommand {
    @Override
    protected int step() {
        return 3;
    }
}
