package jrocker.step05.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.lifecycle.ContainerReaper;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.UnderMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jrocker reap ID}, run by a container's monitor ({@link UnderMonitor}) once PID 1 has exited and
 * no {@code run} is there to do it: record the end, remove the cgroup, and with --rm the container. Hidden:
 * people do not type it. Silent when the container is gone already (an {@code rm -f} got there first).
 */
@Command(name = "reap", hidden = true, description = "Record the end of a container that exited (run by its monitor).")
public class ReapCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The container's full ID.")
    String id;

    private final DataRootOption dataRoot;

    public ReapCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() throws IOException {
        if (!id.matches("[0-9a-f]{64}")) {
            throw jrocker.step01.container.ContainerException.runtime("reap takes a full container ID, not " + id);
        }
        DataRoot root = dataRoot.dataRoot();
        ContainerReaper.finish(ContainerRecord.at(root.container(id)), root.path());
        return 0;
    }
}
