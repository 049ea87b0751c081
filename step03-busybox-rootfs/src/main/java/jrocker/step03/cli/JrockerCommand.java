package jrocker.step03.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top command of step03's CLI, with the global {@code --data-root}. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 3: a root file system of its own.",
        subcommands = {RunCommand.class, RootfsCommand.class, jrocker.step01.cli.DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
    @Mixin
    DataRootOption dataRoot;
}
