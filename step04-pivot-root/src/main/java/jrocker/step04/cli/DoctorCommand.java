package jrocker.step04.cli;

import picocli.CommandLine.Command;

/** step04's {@code doctor}: the same checks as step03's. */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.")
public class DoctorCommand extends jrocker.step03.cli.DoctorCommand {
    @Override
    protected int step() {
        return 4;
    }
}
