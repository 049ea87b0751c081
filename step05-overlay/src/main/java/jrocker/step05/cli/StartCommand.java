package jrocker.step05.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step01.cli.Step;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.container.RestartedContainer;
import jrocker.step05.container.Volume;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.HostConfig;
import jrocker.step05.linux.LifecycleSyscalls;
import jrocker.step05.walls.WallSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jrocker start [-a] [-i] CONTAINER...}: run stopped containers again, each with its own layer, name and
 * settings ({@link RestartedContainer}). Like docker: without {@code -a} each is started in the background and
 * its name printed (its output goes to its log); with {@code -a} jrocker stays with the one container, shows its
 * output and exits with its status, as a foreground {@code run} does. A container that runs already is left
 * as it is, and its name printed.
 */
@Command(name = "start", description = "Start stopped containers again, with their files, name and settings.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every container runs (without -a)", "1:no such container (the others were started)",
            "125:a container could not be started", "N:with -a: the container's exit status"})
public class StartCommand implements Callable<Integer> {
    @Option(names = {"-a", "--attach"}, description = "Stay with the container: show its output, exit with its status.")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Connect your stdin to the container's (if it was run with -i).")
    boolean interactive;

    @Mixin
    ContainerArguments containers;

    @Spec
    CommandSpec spec;

    private final Step<? extends LifecycleSyscalls> step;
    private final DataRootOption dataRoot;

    public StartCommand(Step<? extends LifecycleSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() throws IOException {
        boolean attached = attach || interactive;
        if (attached && containers.containers.size() > 1) {
            throw ContainerException.runtime("you cannot start and attach multiple containers at once");
        }
        DataRoot root = dataRoot.dataRoot();
        int[] attachedStatus = {0};
        int status = containers.forEach((name, record) -> {
            Optional<RestartedContainer> claimed = RestartedContainer.claim(root, record, spec.commandLine().getErr());
            if (claimed.isEmpty()) { // it runs: nothing to do
                spec.commandLine().getOut().println(name);
                return;
            }
            RestartedContainer container = claimed.get();
            try {
                attachedStatus[0] = start(root, record, container, name, attached);
            } catch (IOException e) {
                throw ContainerException.runtime("cannot start container " + name + ": " + e.getMessage());
            } finally {
                container.release();
            }
        });
        return attached && status == 0 ? attachedStatus[0] : status;
    }

    // tag::start[]
    /**
     * Start {@code container} as {@code run} started it: the same run, from its recorded settings, with
     * {@code -d} unless {@code attached}. What the container does not have then (stdin without run -i) stays off.
     */
    private int start(DataRoot root, ContainerRecord record, RestartedContainer container, String name, boolean attached)
            throws IOException {
        ContainerConfig config = container.config();
        HostConfig hostConfig = HostConfig.read(record.directory());
        NamespaceOptions.Settings session = new NamespaceOptions.Settings(interactive && hostConfig.interactive(),
                config.tty(), config.hostname());
        new NamespaceOptions.Settings(session.interactive(), session.tty() && attached, session.hostname())
                .requireRootAndTerminal(step.syscalls());
        List<Volume> volumes = new ArrayList<>();
        for (String volume : config.volumes()) {
            volumes.add(Volume.parse(volume));
        }
        LifecycleOptions.Settings lifecycle = new LifecycleOptions.Settings(config.autoRemove(), !attached, config.name(),
                List.of(), config.workingDir(), volumes, config.volumes());
        RunCommand.RunSpec run = new RunCommand.RunSpec(session, limits(hostConfig), new RunMode.ImageMode(config.image(),
                null, config.argv()) /* found by its ID: the name is not read again */, lifecycle, WallSettings.read(record.directory()));
        return RunCommand.runImageContainer(step, root, spec, run, new ContainerId(config.id()), container, hostConfig, name);
    }
    // end::start[]

    /** The limits run was given, read again (a --cpus the CPUs online now cannot give is an error now). */
    private static jrocker.step02.cgroup.ResourceLimits limits(HostConfig hostConfig) {
        return new jrocker.step02.cli.LimitOptions.Flags(hostConfig.memory(), hostConfig.cpus(), hostConfig.cpuShares(),
                hostConfig.cpusetCpus(), hostConfig.pidsLimit()).limits();
    }
}
