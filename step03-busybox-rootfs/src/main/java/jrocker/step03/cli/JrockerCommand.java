package jrocker.step03.cli;

import picocli.CommandLine.Command;

/** The top command of step03's CLI. */
@Command(name = "jrocker",
        mixinStandardHelpOptions = true,
        version = "jrocker step03-busybox-rootfs",
        description = "A container runtime in Java, step 3: a root file system of its own.",
        subcommands = {RunCommand.class, RootfsCommand.class, DoctorCommand.class,
            picocli.CommandLine.HelpCommand.class})
public class JrockerCommand {
}
