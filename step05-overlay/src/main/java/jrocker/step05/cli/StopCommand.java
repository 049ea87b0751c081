package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerSignals;
import jrocker.step05.lifecycle.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code jrocker stop [-t SECONDS] CONTAINER...}: SIGTERM to PID 1, then SIGKILL to every process of the
 * container if it has not exited after the grace period (a PID 1 without a SIGTERM handler ignores SIGTERM: see {@link ContainerSignals}).
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
            boolean monitorAlive = record.state().monitorAlive();
            int endedBy = new ContainerSignals(containers.syscalls()).stop(record, Duration.ofSeconds(seconds));
            if (endedBy != 0 && !monitorAlive) {
                // No monitor is left to record the end and remove the cgroup (it was killed): stop does it. A
                // SIGKILL'd PID 1 ended with 137; one that went on SIGTERM may have exited with any status.
                ContainerReaper.finish(record, containers.dataRoot().path(),
                        endedBy == Signals.SIGKILL ? OptionalInt.of(128 + Signals.SIGKILL) : OptionalInt.empty());
            }
            containers.out().println(name);
        });
    }
}
