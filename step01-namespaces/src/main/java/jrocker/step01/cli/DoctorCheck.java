package jrocker.step01.cli;

/** One line of {@code jrocker doctor}, looked at when doctor runs (not before: it reads the machine). */
@FunctionalInterface
public interface DoctorCheck {
    HostCheck check();
}
