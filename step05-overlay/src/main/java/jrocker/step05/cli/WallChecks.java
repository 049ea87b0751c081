package jrocker.step05.cli;

import java.util.List;
import jrocker.step01.cli.DoctorCheck;
import jrocker.step01.cli.HostCheck;
import jrocker.step01.cli.Step;
import jrocker.step02.cli.CgroupChecks;
import jrocker.step05.linux.SeccompFilter;

/** step05's {@code doctor}: step02's checks, plus libseccomp, which builds every container's seccomp filter. */
public final class WallChecks {
    /** The checks of step05: the walls need libseccomp. */
    public static final List<DoctorCheck> STEP05 = Step.checks(CgroupChecks.STEP02, WallChecks::libseccomp);

    private WallChecks() {
    }

    static HostCheck libseccomp() {
        return SeccompFilter.libraryVersion()
                .map(version -> HostCheck.ok("libseccomp", version, 5))
                .orElseGet(() -> HostCheck.missing("libseccomp", "libseccomp.so.2 cannot be loaded",
                        "sudo apt-get install libseccomp2 (or run containers with --security-opt seccomp=unconfined)", 5));
    }
}
