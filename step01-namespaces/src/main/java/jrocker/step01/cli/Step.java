package jrocker.step01.cli;

import java.util.ArrayList;
import java.util.List;
import jrocker.step01.linux.Syscalls;

/**
 * What makes one step's {@code jrocker} that step's: its number and name, the class whose {@code main}
 * answers {@code init SOCKET} (the init must be the same step's program), the system calls its init and its
 * commands make, its top command, and the host checks of its {@code doctor}. Each step's {@code Main}
 * declares one; {@link Cli} hands it to the commands that need it ({@link StepFactory}), so these facts are
 * written once per step.
 *
 * @param number      1 to 5: doctor fails only for checks needed from this step on
 * @param name        the module, e.g. {@code step02-cgroups}; {@code --version} prints it
 * @param initMain    the step's {@code Main}, started as the container's init
 * @param syscalls    the step's system calls (a later step's set extends an earlier one's)
 * @param topCommand  the step's {@code jrocker} command, whose subcommands are the step's commands
 * @param doctorChecks what {@code doctor} checks, in the order it prints them
 * @param <S>         the type of the step's system calls: a command made for a step's calls takes a
 *                    {@code Step<...>} of that type, and {@link StepFactory} refuses to hand it another
 */
public record Step<S extends Syscalls>(int number, String name, Class<?> initMain, S syscalls, Class<?> topCommand,
                                       List<DoctorCheck> doctorChecks) {
    public Step {
        doctorChecks = List.copyOf(doctorChecks);
    }

    /** What {@code jrocker --version} prints. */
    public String version() {
        return "jrocker " + name;
    }

    /** The same step with other system calls: tests give a recording double. */
    public <T extends S> Step<T> withSyscalls(T other) {
        return new Step<>(number, name, initMain, other, topCommand, doctorChecks);
    }

    /** {@code earlier} with {@code added} after it: how a step extends the checks of the step before it. */
    public static List<DoctorCheck> checks(List<DoctorCheck> earlier, DoctorCheck... added) {
        List<DoctorCheck> all = new ArrayList<>(earlier);
        all.addAll(List.of(added));
        return List.copyOf(all);
    }
}
