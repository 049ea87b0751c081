package jrocker.step05.cli;

import java.io.IOException;
import java.util.List;
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

    /** {@link Containers#forEach}: each container in turn; one failure does not stop the others. */
    int forEach(Containers.ContainerAction action) throws IOException {
        return Containers.forEach(containers, spec, action);
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
