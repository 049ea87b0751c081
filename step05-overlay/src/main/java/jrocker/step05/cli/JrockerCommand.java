package jrocker.step05.cli;

import jrocker.step03.cli.DataRootOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The top command of step05's CLI, with the global {@code --data-root}. A new command is one more line in
 * {@code subcommands}: each run of the CLI builds only the command it calls (the top command's usage lists
 * them all from their {@code @Command} annotations), so a command costs nothing to the others' start.
 */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        description = "A container runtime in Java, step 5: images, overlayfs and the container lifecycle.",
        subcommands = {
            RunCommand.class,
            StartCommand.class,
            AttachCommand.class,
            PsCommand.class,
            LogsCommand.class,
            ExecCommand.class,
            StopCommand.class,
            KillCommand.class,
            RmCommand.class,
            InspectCommand.class,
            ReapCommand.class,
            CommitCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            LoadCommand.class,
            PullCommand.class,
            LoginCommand.class,
            LoginCommand.Logout.class,
            ImagesCommand.class,
            RmiCommand.class,
            ImageCommand.class,
            jrocker.step03.cli.RootfsCommand.class,
            jrocker.step01.cli.DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
    @Mixin
    DataRootOption dataRoot;
}
