package jrocker.step02.cli;

import picocli.CommandLine.Command;

/** The top command of step02's CLI: its own {@code run} and {@code doctor}. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        version = "jrocker step02-cgroups",
        description = "A container runtime in Java, step 2: control groups.",
        subcommands = {RunCommand.class, DoctorCommand.class, picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
