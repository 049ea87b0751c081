package jrocker.step05.walls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.MountTable;
import jrocker.step04.linux.PivotRootSyscalls;

// tag::mount-cgroupfs[]
/**
 * The container's own view of its cgroups at /sys/fs/cgroup, read-only, as docker gives one: programs read
 * their limits there (a JVM sizes its heap from memory.max). An after-Go stage: it mounts once the init is in
 * its cgroup namespace (step02's {@code EnterCgroupNamespace}), so every hierarchy shows the container's own
 * cgroup as its root, and the host's root cgroup, with v1's {@code release_agent}, is out of sight.
 *
 * <p>On cgroup v2 that is one cgroup2 mount. On v1 and hybrid hosts, as on the host: a small tmpfs with a
 * directory per hierarchy, each hierarchy mounted with its host options (a v1 hierarchy can only be mounted
 * with exactly the controllers it has), then the tmpfs made read-only too.
 *
 * @param hierarchies each hierarchy: its directory under /sys/fs/cgroup ("" for a cgroup2-only host), type and options
 * @param readOnly    false only with {@code --privileged}
 */
public record MountCgroupFs(List<Hierarchy> hierarchies, boolean readOnly) implements InitStage<PivotRootSyscalls> {
    private static final String CGROUP_ROOT = "/sys/fs/cgroup";
    private static final long NO_SUID_EXEC_DEV = MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC;

    /** One hierarchy as the host mounts it, e.g. {@code memory}, cgroup, "memory"; {@code unified}, cgroup2, null. */
    public record Hierarchy(String directory, String type, String options) {
        public Hierarchy {
            if (directory.contains("/") || directory.equals("..") || directory.equals(".")) {
                throw new IllegalArgumentException("not a directory name under /sys/fs/cgroup: " + directory);
            }
        }
    }

    public MountCgroupFs {
        hierarchies = List.copyOf(hierarchies);
    }

    /** The hierarchies the host has mounted under /sys/fs/cgroup, as the container will mount them. */
    public static MountCgroupFs ofHost(MountTable table, boolean readOnly) {
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (String type : List.of("cgroup", "cgroup2")) {
            for (MountTable.Mount mount : table.ofType(type)) {
                Path point = Path.of(mount.mountPoint());
                if (point.equals(Path.of(CGROUP_ROOT)) && type.equals("cgroup2")) {
                    return new MountCgroupFs(List.of(new Hierarchy("", type, null)), readOnly);
                }
                if (point.getParent() != null && point.getParent().equals(Path.of(CGROUP_ROOT))) {
                    List<String> options = mount.superOptions().stream()
                            .filter(option -> !option.equals("rw") && !option.equals("ro")).toList();
                    hierarchies.add(new Hierarchy(point.getFileName().toString(), type,
                            type.equals("cgroup") ? String.join(",", options) : null));
                }
            }
        }
        return new MountCgroupFs(hierarchies, readOnly);
    }

    @Override
    public void run(PivotRootSyscalls syscalls) {
        if (hierarchies.size() == 1 && hierarchies.get(0).directory().isEmpty()) {
            syscalls.mount("cgroup2", CGROUP_ROOT, "cgroup2", NO_SUID_EXEC_DEV, null);
            makeReadOnly(syscalls, CGROUP_ROOT);
            return;
        }
        syscalls.mount("tmpfs", CGROUP_ROOT, "tmpfs", NO_SUID_EXEC_DEV, "mode=755,size=64k");
        for (Hierarchy hierarchy : hierarchies) {
            String target = CGROUP_ROOT + "/" + hierarchy.directory();
            syscalls.mkdir(target, 0555);
            syscalls.mount(hierarchy.type(), target, hierarchy.type(), NO_SUID_EXEC_DEV, hierarchy.options());
            makeReadOnly(syscalls, target);
        }
        makeReadOnly(syscalls, CGROUP_ROOT);
    }

    /**
     * A bind remount changes only this mount's flags, never the file system's: a fresh cgroup mount shares its
     * superblock with the host's, which must stay writable.
     */
    private void makeReadOnly(PivotRootSyscalls syscalls, String target) {
        if (readOnly) {
            syscalls.mount(null, target, null, MountFlags.MS_REMOUNT | MountFlags.MS_BIND | MountFlags.MS_RDONLY
                    | NO_SUID_EXEC_DEV, null);
        }
    }
}
// end::mount-cgroupfs[]
