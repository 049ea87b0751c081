package jrocker.step02.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jrocker.step01.cli.DoctorCheck;
import jrocker.step01.cli.HostCheck;
import jrocker.step01.cli.HostChecks;
import jrocker.step01.cli.Step;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step02.cgroup.ResourceLimits;

/** step02's {@code doctor}: step01's checks, plus whether each controller {@code run} uses is usable. */
public final class CgroupChecks {
    /** The checks of step02 (and of the steps after it, which need nothing more from the host). */
    public static final List<DoctorCheck> STEP02 = Step.checks(HostChecks.STEP01,
            new ControllerCheck(ResourceLimits.MEMORY), new ControllerCheck(ResourceLimits.CPU),
            new ControllerCheck(ResourceLimits.CPUSET), new ControllerCheck(ResourceLimits.PIDS));

    private CgroupChecks() {
    }

    /** Whether {@code controller} is usable on this machine. */
    record ControllerCheck(String controller) implements DoctorCheck {
        @Override
        public HostCheck check() {
            return CgroupChecks.controller(CgroupLayout.detect(), controller);
        }
    }

    /** A controller is usable when a v1 tree has it, or the cgroup2 root lists it in cgroup.controllers. */
    static HostCheck controller(CgroupLayout layout, String controller) {
        String name = "controller " + controller;
        Path v1 = layout.v1Mounts().get(controller);
        if (v1 != null) {
            return HostCheck.ok(name, "cgroup v1 at " + v1, 2);
        }
        Optional<Path> unified = layout.unifiedMount();
        if (unified.isPresent() && listed(unified.get().resolve("cgroup.controllers"), controller)) {
            return HostCheck.ok(name, "cgroup v2 at " + unified.get(), 2);
        }
        return HostCheck.missing(name, "in no cgroup hierarchy",
                "enable it in the kernel (CONFIG_" + controller.toUpperCase(java.util.Locale.ROOT)
                        + "...) or boot with cgroup_enable=" + controller, 2);
    }

    private static boolean listed(Path controllersFile, String controller) {
        try {
            return List.of(Files.readString(controllersFile).strip().split("\\s+")).contains(controller);
        } catch (IOException e) {
            return false;
        }
    }
}
