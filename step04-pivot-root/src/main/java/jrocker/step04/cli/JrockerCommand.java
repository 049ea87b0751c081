package jrocker.step04.cli;

import jrocker.step03.cli.DataRootOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top command of step04's CLI, with the global {@code --data-root}. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 4: pivot_root, /proc, /dev and /sys.",
        subcommands = {RunCommand.class, jrocker.step03.cli.RootfsCommand.class, jrocker.step01.cli.DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
    @Mixin
    DataRootOption dataRoot;
}
