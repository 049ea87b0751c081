package jrocker.step05.cli;

import java.io.IOException;
import java.util.List;
import jrocker.step01.cli.Step;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.linux.LifecycleSyscalls;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code CONTAINER...} arguments that stop, kill, rm and inspect share (a picocli mixin), and their loop. */
final class ContainerArguments {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Names, IDs or ID prefixes.")
    List<String> containers;

    /** The command this mixin is part of: where to print. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final Step<? extends LifecycleSyscalls> step;
    private final DataRootOption dataRoot;

    ContainerArguments(Step<? extends LifecycleSyscalls> step, DataRootOption dataRoot) {
        this.step = step;
        this.dataRoot = dataRoot;
    }

    /** The system calls that signal a container. */
    LifecycleSyscalls syscalls() {
        return step.syscalls();
    }

    /** Where the containers are. */
    DataRoot dataRoot() {
        return dataRoot.dataRoot();
    }

    /** What a command does with one container of its arguments. */
    @FunctionalInterface
    interface ContainerAction {
        void apply(String name, ContainerRecord record) throws IOException;
    }

    /**
     * Apply {@code action} to each container named, like docker: one that fails (unknown, not running) is
     * reported on its own line and does not stop the others; the exit code is the last failure's, or 0.
     */
    int forEach(ContainerAction action) throws IOException {
        return forEach(false, action);
    }

    /** {@link #forEach} for {@code rm}: an abandoned container counts as removed (finding it removed it). */
    int forEachToRemove(ContainerAction action) throws IOException {
        return forEach(true, action);
    }

    private int forEach(boolean removesContainers, ContainerAction action) throws IOException {
        int status = 0;
        for (String name : containers) {
            try {
                action.apply(name, Containers.record(dataRoot(), name));
            } catch (Containers.AbandonedContainerException e) {
                if (removesContainers) {
                    spec.commandLine().getOut().println(name);
                } else {
                    status = report(e);
                }
            } catch (ContainerException e) {
                status = report(e);
            }
        }
        spec.commandLine().getOut().flush();
        return status;
    }

    private int report(ContainerException e) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("jrocker: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return e.exitCode();
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
