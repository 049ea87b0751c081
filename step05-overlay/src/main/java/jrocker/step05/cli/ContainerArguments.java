package jrocker.step05.cli;

import java.io.IOException;
import java.util.List;
import jrocker.step01.cli.Step;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
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

    /** {@link Containers#forEach}: each container in turn; one failure does not stop the others. */
    int forEach(Containers.ContainerAction action) throws IOException {
        return Containers.forEach(containers, dataRoot(), spec, false, action);
    }

    /** {@link #forEach} for {@code rm}: an abandoned container is removed by being found. */
    int forEachToRemove(Containers.ContainerAction action) throws IOException {
        return Containers.forEach(containers, dataRoot(), spec, true, action);
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
