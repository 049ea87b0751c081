package jrocker.step04.cli;

import picocli.CommandLine.Command;

/** The top command of step04's CLI. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        version = "jrocker step04-pivot-root",
        description = "A container runtime in Java, step 4: pivot_root, /proc, /dev and /sys.",
        subcommands = {RunCommand.class, jrocker.step03.cli.RootfsCommand.class, DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
