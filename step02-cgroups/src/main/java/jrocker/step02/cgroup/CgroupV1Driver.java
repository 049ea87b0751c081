package jrocker.step02.cgroup;

import static jrocker.step02.cgroup.ResourceLimits.CPU;
import static jrocker.step02.cgroup.ResourceLimits.CPUSET;
import static jrocker.step02.cgroup.ResourceLimits.MEMORY;
import static jrocker.step02.cgroup.ResourceLimits.PIDS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * cgroup v1: a separate tree per controller (/sys/fs/cgroup/memory, /sys/fs/cgroup/cpu, ...), so a
 * container gets a directory {@code jrocker/<id>} in each tree it uses, and a process joins each one.
 *
 * <p>Which trees: the memory tree always (so {@link Cgroup#oomKillCount()} works even without a memory
 * limit), plus the tree of each controller a limit needs. No directory is made for nothing. Controllers
 * may share a tree ({@code cpu,cpuacct} is mounted together on many hosts, and {@link
 * jrocker.step01.linux.CgroupLayout} then maps both to the same path): such a tree gets one directory.
 *
 * <p>Two v1 pitfalls this class handles:
 * <ul>
 *   <li>a new v1 cpuset cgroup starts with empty {@code cpuset.cpus} and {@code cpuset.mems}, and adding a
 *       process to it fails with ENOSPC. We copy the parent's values down (jrocker first, then the
 *       container), which is what {@code cgroup.clone_children} would do;</li>
 *   <li>{@code memory.memsw.limit_in_bytes} (memory + swap) may never be below {@code memory.limit_in_bytes},
 *       or the kernel answers EINVAL. A new cgroup starts with both unlimited, so lowering the memory limit
 *       first and memsw second keeps that rule at every step.</li>
 * </ul>
 */
public final class CgroupV1Driver implements CgroupDriver {
    private final Map<String, Path> mounts;
    private final CgroupFs fs;

    /** @param controllerMounts each controller's tree, e.g. memory → /sys/fs/cgroup/memory ({@link jrocker.step01.linux.CgroupLayout#v1Mounts()}) */
    public CgroupV1Driver(Map<String, Path> controllerMounts) {
        this(controllerMounts, CgroupFs.kernel());
    }

    public CgroupV1Driver(Map<String, Path> controllerMounts, CgroupFs fs) {
        this.mounts = Map.copyOf(controllerMounts);
        this.fs = fs;
    }

    // tag::v1-settings[]
    /**
     * The files and values for {@code limits}, in write order. Only the limits asked for; the kernel's
     * defaults mean "no limit".
     * <ul>
     *   <li>memory.limit_in_bytes, then memory.memsw.limit_in_bytes (if swap accounting exists) with the same
     *       value, so no swap on top: the limit is the limit (docker's default would add as much swap);</li>
     *   <li>cpu.cfs_period_us = 100000, then cpu.cfs_quota_us; cpu.shares as given;</li>
     *   <li>cpuset.cpus; pids.max.</li>
     * </ul>
     */
    public static List<Setting> settings(ResourceLimits limits) {
        List<Setting> settings = new ArrayList<>();
        limits.memoryBytes().ifPresent(bytes -> {
            settings.add(Setting.of(MEMORY, "memory.limit_in_bytes", bytes));
            settings.add(Setting.ifPresent(MEMORY, "memory.memsw.limit_in_bytes", bytes));
        });
        limits.cpus().ifPresent(quota -> {
            settings.add(Setting.of(CPU, "cpu.cfs_period_us", CpuQuota.PERIOD_MICROS));
            settings.add(Setting.of(CPU, "cpu.cfs_quota_us", quota.quotaMicros()));
        });
        limits.cpuShares().ifPresent(shares -> settings.add(Setting.of(CPU, "cpu.shares", shares.value())));
        limits.cpusetCpus().ifPresent(set -> settings.add(Setting.of(CPUSET, "cpuset.cpus", set)));
        limits.pidsMax().ifPresent(max -> settings.add(Setting.of(PIDS, "pids.max", max)));
        return settings;
    }
    // end::v1-settings[]

    @Override
    public Cgroup create(String containerId, ResourceLimits limits) {
        ContainerDirs.requireValidId(containerId);
        for (String needed : limits.controllers()) {
            if (!mounts.containsKey(needed)) {
                throw new CgroupException("the \"" + needed + "\" controller is not mounted (no cgroup v1 hierarchy has it),"
                        + " so " + ResourceLimits.flagsOf(needed) + " cannot be enforced");
            }
        }
        Set<String> used = new LinkedHashSet<>();
        if (mounts.containsKey(MEMORY)) {
            used.add(MEMORY);
        }
        used.addAll(limits.controllers());

        Map<Path, Path> dirByTree = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        try {
            for (String controller : used) {
                Path tree = mounts.get(controller);
                if (!dirByTree.containsKey(tree)) {
                    Path dir = ContainerDirs.create(fs, tree, containerId);
                    created.add(dir);
                    dirByTree.put(tree, dir);
                    if (tree.equals(mounts.get(CPUSET))) {
                        inheritCpuset(dir);
                    }
                }
            }
            for (Setting setting : settings(limits)) {
                setting.applyTo(fs, dirByTree.get(mounts.get(setting.controller())));
            }
        } catch (RuntimeException e) {
            ContainerDirs.removeAfterFailure(fs, created, e);
            throw e;
        }
        // Every controller of a tree we made a directory in: cpuacct shares cpu's directory, for example.
        Map<String, Path> controllerDirs = new LinkedHashMap<>();
        mounts.forEach((controller, tree) -> {
            if (dirByTree.containsKey(tree)) {
                controllerDirs.put(controller, dirByTree.get(tree));
            }
        });
        Optional<Path> oomCounter = Optional.ofNullable(controllerDirs.get(MEMORY)).map(dir -> dir.resolve("memory.oom_control"));
        return new Cgroup(containerId, fs, created, controllerDirs, oomCounter);
    }

    // tag::v1-cpuset[]
    /** Fill the empty cpuset.cpus and cpuset.mems of jrocker/ and jrocker/ID from their parents. */
    void inheritCpuset(Path dir) {
        // tag::exercise-v1-cpuset[]
        Path parent = dir.getParent();
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            copyIfEmpty(parent.getParent(), parent, file);
            copyIfEmpty(parent, dir, file);
        }
        // end::exercise-v1-cpuset[]
    }
    // end::v1-cpuset[]

    private void copyIfEmpty(Path from, Path to, String file) {
        // tag::exercise-v1-cpuset[]
        if (fs.read(to.resolve(file)).isBlank()) {
            fs.write(to.resolve(file), fs.read(from.resolve(file)).strip());
        }
        // end::exercise-v1-cpuset[]
    }
}
