package jrocker.step01.cli;

import picocli.CommandLine.Command;

/** The top command of step01's CLI. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 1: namespaces.",
        subcommands = {RunCommand.class, DoctorCommand.class, picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
