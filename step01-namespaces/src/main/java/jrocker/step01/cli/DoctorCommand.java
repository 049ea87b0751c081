package jrocker.step01.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.linux.ElfFile;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.Namespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker doctor}: can this machine run containers? Prints a table of checks with what to do
 * for each missing piece, and exits 0 only when what this step's {@code run} needs is there. Checks
 * for later steps are shown too, so a learner can prepare the machine once.
 */
@Command(name = "doctor",
        description = "Check that this machine can run jrocker containers, and say how to fix what is missing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything this step's run needs is there", "1:something it needs is missing"})
public class DoctorCommand implements Callable<Integer> {
    /** The kernel that has every namespace type jrocker uses (cgroup namespaces came in 4.6). */
    static final int[] MINIMUM_KERNEL = {4, 6};

    @Spec
    protected CommandSpec spec;

    /** The step whose CLI this is: checks needed from later steps are only reported. */
    protected int step() {
        return 1;
    }

    @Override
    public Integer call() {
        List<HostCheck> checks = checks();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %-8s %-50s %s%n", "CHECK", "STATUS", "FOUND", "WHAT TO DO");
        boolean ready = true;
        for (HostCheck check : checks) {
            String status = check.ok() ? "ok" : check.fromStep() <= step() ? "MISSING" : "missing";
            String fix = check.ok() ? "" : check.fix() + (check.fromStep() > step() ? " (needed from step0" + check.fromStep() + ")" : "");
            out.printf("%-20s %-8s %-50s %s%n", check.name(), status, check.detail(), fix);
            ready &= check.ok() || check.fromStep() > step();
        }
        out.println();
        out.println(ready ? "Ready: this step's `jrocker run` has what it needs."
                : "Not ready: fix the MISSING lines above, then run `jrocker doctor` again.");
        out.flush();
        return ready ? 0 : 1;
    }

    /** Every check, in the order they are printed; later steps add theirs. */
    protected List<HostCheck> checks() {
        List<HostCheck> checks = new ArrayList<>();
        checks.add(root());
        checks.add(kernel());
        for (Namespace namespace : Namespace.values()) {
            checks.add(namespace(namespace));
        }
        checks.add(cgroupLayout());
        checks.add(overlayfs());
        checks.add(staticBusybox());
        return checks;
    }

    static HostCheck root() {
        int euid = new LinuxSyscalls().geteuid();
        return euid == 0 ? HostCheck.ok("root", "euid 0", 1)
                : HostCheck.missing("root", "euid " + euid, "run jrocker with sudo", 1);
    }

    static HostCheck kernel() {
        String release = read(Path.of("/proc/sys/kernel/osrelease")).trim();
        String minimum = MINIMUM_KERNEL[0] + "." + MINIMUM_KERNEL[1];
        return isAtLeast(release, MINIMUM_KERNEL[0], MINIMUM_KERNEL[1])
                ? HostCheck.ok("kernel", release + " (>= " + minimum + ")", 1)
                : HostCheck.missing("kernel", release, "upgrade to Linux " + minimum + " or newer", 1);
    }

    /** "6.18.44-fc" is at least 4.6. */
    static boolean isAtLeast(String release, int major, int minor) {
        String[] parts = release.split("[.-]");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || actualMajor == major && actualMinor >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static HostCheck namespace(Namespace namespace) {
        Path file = Path.of("/proc/self/ns", namespace.procName());
        String name = "namespace " + namespace.procName();
        return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? HostCheck.ok(name, file.toString(), 1)
                : HostCheck.missing(name, "no " + file,
                        "use a kernel built with CONFIG_" + namespace.procName().toUpperCase(java.util.Locale.ROOT) + "_NS", 1);
    }

    static HostCheck cgroupLayout() {
        CgroupLayout layout = CgroupLayout.detect();
        String where = layout.unifiedMount().map(path -> ", cgroup2 at " + path).orElse("");
        return layout.kind() == CgroupLayout.Kind.NONE
                ? HostCheck.missing("cgroup layout", layout.kind().label(), "mount cgroup2 on /sys/fs/cgroup", 2)
                : HostCheck.ok("cgroup layout", layout.kind().label() + where, 2);
    }

    static HostCheck overlayfs() {
        boolean known = read(Path.of("/proc/filesystems")).lines().anyMatch(line -> line.endsWith("\toverlay"));
        return known ? HostCheck.ok("overlayfs", "in /proc/filesystems", 5)
                : HostCheck.missing("overlayfs", "not in /proc/filesystems", "sudo modprobe overlay", 5);
    }

    static HostCheck staticBusybox() {
        String name = "busybox (static)";
        String fix = "sudo apt-get install busybox-static";
        Path busybox = findInPath("busybox");
        if (busybox == null) {
            return HostCheck.missing(name, "no busybox in PATH", fix, 3);
        }
        try {
            return ElfFile.isStaticExecutable(busybox) ? HostCheck.ok(name, busybox.toString(), 3)
                    : HostCheck.missing(name, busybox + " is dynamically linked", fix, 3);
        } catch (IOException e) {
            return HostCheck.missing(name, "cannot read " + busybox, fix, 3);
        }
    }

    /** The first executable {@code name} in PATH (and /bin, /usr/bin, which sudo's PATH may lack). */
    public static Path findInPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        for (String directory : path.split(":")) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
