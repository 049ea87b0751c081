package jrocker.step01.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jrocker.step01.container.CommandLookup;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.linux.ElfFile;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.Namespace;

/**
 * The host checks of step01's {@code doctor}: root, the kernel, every namespace; and, shown from the start so
 * that a learner can prepare the machine once, what later steps need (a cgroup layout, a static busybox,
 * overlayfs). Later steps extend {@link #STEP01} ({@link Step#checks}).
 */
public final class HostChecks {
    /** The kernel that has every namespace type jrocker uses (cgroup namespaces came in 4.6). */
    static final int[] MINIMUM_KERNEL = {4, 6};

    /** The checks of step01, in the order doctor prints them. */
    public static final List<DoctorCheck> STEP01 = step01();

    private HostChecks() {
    }

    /** The checks that need no argument; an enum, not lambdas, so that the list costs the init JVM nothing. */
    enum Basic implements DoctorCheck {
        ROOT, KERNEL, CGROUP_LAYOUT, OVERLAYFS, STATIC_BUSYBOX;

        @Override
        public HostCheck check() {
            return switch (this) {
                case ROOT -> root();
                case KERNEL -> kernel();
                case CGROUP_LAYOUT -> cgroupLayout();
                case OVERLAYFS -> overlayfs();
                case STATIC_BUSYBOX -> staticBusybox();
            };
        }
    }

    /** Whether this kernel has {@code namespace}. */
    record NamespaceCheck(Namespace namespace) implements DoctorCheck {
        @Override
        public HostCheck check() {
            return HostChecks.namespace(namespace);
        }
    }

    private static List<DoctorCheck> step01() {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(Basic.ROOT);
        checks.add(Basic.KERNEL);
        for (Namespace namespace : Namespace.values()) {
            checks.add(new NamespaceCheck(namespace));
        }
        checks.add(Basic.CGROUP_LAYOUT);
        checks.add(Basic.OVERLAYFS);
        checks.add(Basic.STATIC_BUSYBOX);
        return List.copyOf(checks);
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
        Optional<Path> busybox = CommandLookup.onHost("busybox");
        if (busybox.isEmpty()) {
            return HostCheck.missing(name, "no busybox in PATH", fix, 3);
        }
        try {
            return ElfFile.isStaticExecutable(busybox.get()) ? HostCheck.ok(name, busybox.get().toString(), 3)
                    : HostCheck.missing(name, busybox.get() + " is dynamically linked", fix, 3);
        } catch (IOException e) {
            return HostCheck.missing(name, "cannot read " + busybox.get(), fix, 3);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
