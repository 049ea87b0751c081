package jrocker.step05.cli;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerSignals;
import jrocker.step05.lifecycle.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code jrocker kill [-s SIGNAL] CONTAINER...}: send a signal (default SIGKILL) to each container's PID 1. */
@Command(name = "kill", description = "Send a signal to running containers (default: KILL).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the signal was sent to every container",
            "1:no such container, or it is not running (the others got the signal)", "125:unknown signal"})
public class KillCommand implements Callable<Integer> {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "KILL",
            description = "A name (TERM, SIGHUP, ...) or a number (default: ${DEFAULT-VALUE}).")
    String signal;

    @Mixin
    ContainerArguments containers;

    @Override
    public Integer call() throws IOException {
        int number;
        try {
            number = Signals.parse(signal);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
        return containers.forEach((name, record) -> {
            ContainerSignals signals = new ContainerSignals(containers.syscalls());
            boolean monitorAlive = record.state().monitorAlive();
            if (!signals.signal(record, number)) {
                throw new ContainerException(Containers.NO_SUCH_CONTAINER, "container " + name + " is not running");
            }
            if (number == Signals.SIGKILL && !monitorAlive && signals.awaitExit(record, ContainerSignals.KILL_TIMEOUT)) {
                // no monitor is left to record the end (see StopCommand)
                ContainerReaper.finish(record, containers.dataRoot().path(), OptionalInt.of(128 + Signals.SIGKILL));
            }
            containers.out().println(name);
        });
    }
}
