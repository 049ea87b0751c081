package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code jrocker stop [-t SECONDS] CONTAINER...}: SIGTERM to PID 1, then SIGKILL if it has not exited after
 * the grace period (a PID 1 without a SIGTERM handler ignores SIGTERM: see {@link ContainerSignals}).
 * Stopping a container that is not running is not an error, as in docker.
 */
@Command(name = "stop", description = "Stop containers: SIGTERM, then SIGKILL after the grace period.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every container is stopped (or was not running)", "1:no such container (the others were stopped)"})
public class StopCommand implements Callable<Integer> {
    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Mixin
    ContainerArguments containers;

    @Override
    public Integer call() throws IOException {
        if (seconds < 0) {
            throw ContainerException.runtime("-t must be 0 or more seconds, not " + seconds);
        }
        return containers.forEach((name, record) -> {
            new ContainerSignals(containers.syscalls()).stop(record, Duration.ofSeconds(seconds));
            containers.out().println(name);
        });
    }
}
