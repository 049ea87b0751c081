package jrocker.step05.cli;

import jrocker.step03.cli.DataRootOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top command of step05's CLI, with the global {@code --data-root}. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 5: images, overlayfs and the container lifecycle.",
        subcommands = {RunCommand.class, PsCommand.class, LogsCommand.class, ExecCommand.class, StopCommand.class,
            KillCommand.class, RmCommand.class, InspectCommand.class, ReapCommand.class, CommitCommand.class, ExportCommand.class, ImportCommand.class, LoadCommand.class, PullCommand.class, LoginCommand.class, LoginCommand.Logout.class, ImagesCommand.class, RmiCommand.class,
            ImageCommand.class, jrocker.step03.cli.RootfsCommand.class, jrocker.step01.cli.DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
    @Mixin
    DataRootOption dataRoot;
}
