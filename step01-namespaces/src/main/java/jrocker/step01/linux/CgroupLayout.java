package jrocker.step01.linux;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How this host mounts its control groups. Three layouts exist in the wild:
 * <ul>
 *   <li>{@link Kind#V2}: one unified cgroup2 tree at /sys/fs/cgroup, every controller in it (current
 *       Debian, Ubuntu, Fedora);</li>
 *   <li>{@link Kind#V1}: one cgroup v1 tree per controller (/sys/fs/cgroup/memory, .../cpu, ...);</li>
 *   <li>{@link Kind#HYBRID}: the v1 trees, plus a cgroup2 tree (often /sys/fs/cgroup/unified) that
 *       holds the controllers v1 does not (systemd's "hybrid" mode).</li>
 * </ul>
 * Step01 only reports the layout ({@code jrocker doctor}); step02 creates cgroups in it.
 *
 * @param kind         which of the three layouts
 * @param unifiedMount where the cgroup2 tree is mounted, if anywhere
 * @param v1Mounts     each v1 controller's mount point (e.g. memory → /sys/fs/cgroup/memory); named
 *                     hierarchies such as name=systemd are left out, they carry no controller
 */
public record CgroupLayout(Kind kind, Optional<Path> unifiedMount, Map<String, Path> v1Mounts) {

    public enum Kind {
        V1, V2, HYBRID, NONE;

        /** "cgroup v2", "hybrid", ... as doctor prints it. */
        public String label() {
            return switch (this) {
                case V1 -> "cgroup v1";
                case V2 -> "cgroup v2";
                case HYBRID -> "hybrid (v1 controllers + cgroup2)";
                case NONE -> "no cgroup file system mounted";
            };
        }
    }

    public CgroupLayout {
        v1Mounts = Map.copyOf(v1Mounts);
    }

    /** The layout of the calling process' mount namespace. */
    public static CgroupLayout detect() {
        return detect(MountTable.current());
    }

    // tag::detect[]
    /** The layout the mount table shows: which cgroup and cgroup2 file systems are mounted where. */
    public static CgroupLayout detect(MountTable table) {
        // tag::exercise-cgroup-layout[]
        Map<String, Path> v1 = new TreeMap<>();
        for (MountTable.Mount mount : table.ofType("cgroup")) {
            for (String option : mount.superOptions()) {
                if (isV1Controller(option)) {
                    v1.putIfAbsent(option, Path.of(mount.mountPoint()));
                }
            }
        }
        Optional<Path> unified = table.ofType("cgroup2").stream()
                .map(mount -> Path.of(mount.mountPoint()))
                .findFirst();
        Kind kind;
        if (v1.isEmpty()) {
            kind = unified.isPresent() ? Kind.V2 : Kind.NONE;
        } else {
            kind = unified.isPresent() ? Kind.HYBRID : Kind.V1;
        }
        return new CgroupLayout(kind, unified, v1);
        // end::exercise-cgroup-layout[]
    }
    // end::detect[]

    /** The super options of a v1 mount name its controllers among plain options such as rw. */
    private static boolean isV1Controller(String option) {
        return switch (option) {
            case "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "blkio",
                 "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc" -> true;
            default -> false;
        };
    }
}
