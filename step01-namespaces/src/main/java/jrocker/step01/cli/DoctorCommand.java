package jrocker.step01.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker doctor}: can this machine run containers? Prints a table of checks with what to do
 * for each missing piece, and exits 0 only when what this step's {@code run} needs is there. Checks
 * for later steps are shown too, so a learner can prepare the machine once. Every step's doctor is this
 * one, with that step's checks ({@link Step#doctorChecks}).
 */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything this step's run needs is there", "1:something it needs is missing"})
public final class DoctorCommand implements Callable<Integer> {
    private final Step<?> step;

    @Spec
    CommandSpec spec;

    public DoctorCommand(Step<?> step) {
        this.step = step;
    }

    @Override
    public Integer call() {
        List<HostCheck> checks = new ArrayList<>();
        for (DoctorCheck check : step.doctorChecks()) {
            checks.add(check.check());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %-8s %-50s %s%n", "CHECK", "STATUS", "FOUND", "WHAT TO DO");
        boolean ready = true;
        for (HostCheck check : checks) {
            boolean neededNow = check.fromStep() <= step.number();
            String status = check.ok() ? "ok" : neededNow ? "MISSING" : "missing";
            String fix = check.ok() ? "" : check.fix() + (neededNow ? "" : " (needed from step0" + check.fromStep() + ")");
            out.printf("%-20s %-8s %-50s %s%n", check.name(), status, check.detail(), fix);
            ready &= check.ok() || !neededNow;
        }
        out.println();
        out.println(ready ? "Ready: this step's `jrocker run` has what it needs."
                : "Not ready: fix the MISSING lines above, then run `jrocker doctor` again.");
        out.flush();
        return ready ? 0 : 1;
    }
}
