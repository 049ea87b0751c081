package jrocker.step05.cli;

import java.util.ArrayList;
import java.util.List;
import jrocker.step01.cli.HostCheck;
import jrocker.step05.linux.SeccompFilter;
import picocli.CommandLine.Command;

/** step05's {@code doctor}: the same checks, plus libseccomp; from now on overlayfs is required. */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.")
public class DoctorCommand extends jrocker.step04.cli.DoctorCommand {
    @Override
    protected int step() {
        return 5;
    }

    /** Every earlier check, then libseccomp, which builds every container's seccomp filter. */
    @Override
    protected List<HostCheck> checks() {
        List<HostCheck> checks = new ArrayList<>(super.checks());
        checks.add(SeccompFilter.libraryVersion()
                .map(version -> HostCheck.ok("libseccomp", version, 5))
                .orElseGet(() -> HostCheck.missing("libseccomp", "libseccomp.so.2 cannot be loaded",
                        "sudo apt-get install libseccomp2 (or run containers with --security-opt seccomp=unconfined)", 5)));
        return checks;
    }
}
