package jrocker.step05.cli;

import picocli.CommandLine.Command;

/** step05's {@code doctor}: the same checks; from now on overlayfs is required. */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.")
public class DoctorCommand extends jrocker.step04.cli.DoctorCommand {
    @Override
    protected int step() {
        return 5;
    }
}
