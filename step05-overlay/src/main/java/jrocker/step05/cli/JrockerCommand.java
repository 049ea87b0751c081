package jrocker.step05.cli;

import picocli.CommandLine.Command;

/** The top command of step05's CLI. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        version = "jrocker step05-overlay",
        description = "A container runtime in Java, step 5: images, overlayfs and the container lifecycle.",
        subcommands = {RunCommand.class, PsCommand.class, LogsCommand.class, ExecCommand.class, StopCommand.class,
            KillCommand.class, RmCommand.class, InspectCommand.class, ReapCommand.class, CommitCommand.class, ExportCommand.class, ImportCommand.class, LoadCommand.class, PullCommand.class, LoginCommand.class, LoginCommand.Logout.class, ImagesCommand.class, RmiCommand.class,
            ImageCommand.class, jrocker.step03.cli.RootfsCommand.class, DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
