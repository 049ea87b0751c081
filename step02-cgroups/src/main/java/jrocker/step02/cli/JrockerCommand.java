package jrocker.step02.cli;

import picocli.CommandLine.Command;

/** The top command of step02's CLI: its own {@code run}, and step01's {@code doctor} with step02's checks. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 2: control groups.",
        subcommands = {RunCommand.class, jrocker.step01.cli.DoctorCommand.class, picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
