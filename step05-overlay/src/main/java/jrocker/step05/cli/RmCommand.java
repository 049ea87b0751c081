package jrocker.step05.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code jrocker rm [-f] CONTAINER...}: remove containers: their record, writable layer, name and cgroup.
 * Never their volumes. A running container is refused unless {@code -f}, which kills it first.
 */
@Command(name = "rm", description = "Remove containers (-f: kill running ones first). Volumes are kept.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every container was removed",
            "1:no such container, or it is running without -f (the others were removed)"})
public class RmCommand implements Callable<Integer> {
    @Option(names = {"-f", "--force"}, description = "Kill every process of a running container (SIGKILL), then remove it.")
    boolean force;

    @Mixin
    ContainerArguments containers;

    @Override
    public Integer call() throws IOException {
        return containers.forEachToRemove((name, record) -> {
            ContainerSignals signals = new ContainerSignals(containers.syscalls());
            if (force) {
                // Whatever runs in its cgroup goes: PID 1, a half-created container's init, a straggler.
                signals.kill(record); // a container that does not go is not removed
            } else if (record.status().running() || signals.hasProcesses(record)) {
                throw new ContainerException(Containers.NO_SUCH_CONTAINER, "cannot remove container " + name
                        + ": it is running; stop it first (jrocker stop " + name + "), or use rm -f");
            }
            ContainerReaper.remove(record, containers.dataRoot().path());
            containers.out().println(name);
        });
    }
}
