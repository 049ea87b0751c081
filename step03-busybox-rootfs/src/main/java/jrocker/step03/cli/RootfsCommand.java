package jrocker.step03.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.rootfs.BusyboxRootfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker rootfs ...}: make root file systems. */
@Command(name = "rootfs", description = "Make root file systems for --rootfs.",
        subcommands = RootfsCommand.Busybox.class)
public class RootfsCommand {

    /** {@code jrocker rootfs busybox [-o FILE] [--busybox PATH]}: the Docker-free {@code docker export} of busybox. */
    @Command(name = "busybox",
            description = "Write a busybox root file system as a tar, like `docker export` of a busybox container,"
                    + " from a static busybox on this machine.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the tar was written", "125:no usable busybox, or the file cannot be written"})
    public static class Busybox implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "busybox.tar",
                description = "Where to write the tar (default: ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--busybox", paramLabel = "PATH",
                description = "The busybox to use (default: the first in PATH, /bin or /usr/bin); it must be static.")
        Path busybox;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                BusyboxRootfs rootfs = busybox == null ? BusyboxRootfs.fromHost() : BusyboxRootfs.fromBinary(busybox);
                // Write next to the target, then rename: an interrupted run never leaves half a tar behind.
                Path absolute = output.toAbsolutePath();
                Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                    rootfs.writeTar(out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                spec.commandLine().getOut().printf("wrote %s: busybox from %s with %d applets%n",
                        output, rootfs.busybox(), rootfs.applets().size());
                return 0;
            } catch (IOException e) {
                throw ContainerException.runtime(e.getMessage());
            }
        }
    }
}
