package jrocker.step02.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jrocker.step01.cli.HostCheck;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step02.cgroup.ResourceLimits;
import picocli.CommandLine.Command;

/** step02's {@code doctor}: step01's checks, plus whether each controller {@code run} uses is usable. */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.")
public class DoctorCommand extends jrocker.step01.cli.DoctorCommand {

    @Override
    protected int step() {
        return 2;
    }

    @Override
    protected List<HostCheck> checks() {
        List<HostCheck> checks = new ArrayList<>(super.checks());
        CgroupLayout layout = CgroupLayout.detect();
        for (String controller : List.of(ResourceLimits.MEMORY, ResourceLimits.CPU, ResourceLimits.CPUSET, ResourceLimits.PIDS)) {
            checks.add(controller(layout, controller));
        }
        return checks;
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
