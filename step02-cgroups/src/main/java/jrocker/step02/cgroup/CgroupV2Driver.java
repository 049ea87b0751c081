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
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;

/**
 * cgroup v2: one tree, every controller in it. A controller is not simply "there" in a v2 cgroup: a
 * parent hands it down to its children by listing it in its {@code cgroup.subtree_control}, and only then
 * do the children get its files (memory.max, cpu.max, ...). So for {@code <root>/jrocker/<id>} we write
 * {@code +memory}, {@code +cpu}, {@code +cpuset} and {@code +pids} into the subtree_control of the root
 * and of {@code jrocker}, each only if the root's {@code cgroup.controllers} lists it. We enable all four
 * even when no limit needs them, as runc does: memory gives the OOM counter, the others the usage files.
 * We never disable them again: other cgroups may rely on them.
 *
 * <p>The container's directory is created before controllers are enabled in {@code jrocker}: from then on
 * the parent cannot be removed under us (see {@link ContainerDirs}), and the kernel adds the controller
 * files to existing children when a controller is enabled.
 */
public final class CgroupV2Driver implements CgroupDriver {
    /** The controllers jrocker uses, in the order it enables them. */
    static final List<String> CONTROLLERS = List.of(MEMORY, CPU, CPUSET, PIDS);

    private final Path root;
    private final CgroupFs fs;

    /** @param unifiedRoot where cgroup2 is mounted: /sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid host */
    public CgroupV2Driver(Path unifiedRoot) {
        this(unifiedRoot, CgroupFs.kernel());
    }

    public CgroupV2Driver(Path unifiedRoot, CgroupFs fs) {
        this.root = unifiedRoot;
        this.fs = fs;
    }

    // tag::v2-settings[]
    /**
     * The files and values for {@code limits}, in write order. Only the limits asked for: an absent limit
     * keeps the kernel's default, which is already "no limit" ({@code max}, {@code max 100000}).
     * <ul>
     *   <li>memory.max = bytes, and memory.swap.max = 0 where swap accounting exists: without it the
     *       container could push its memory to swap and outlive its limit (docker's default allows as much
     *       swap as memory, a limit that does not really limit; we choose "the limit is the limit");</li>
     *   <li>cpu.max = "QUOTA PERIOD" in microseconds, cpu.weight = {@link CpuShares#weight()};</li>
     *   <li>cpuset.cpus = the list; pids.max = the number.</li>
     * </ul>
     */
    public static List<Setting> settings(ResourceLimits limits) {
        // tag::exercise-v2-settings[]
        List<Setting> settings = new ArrayList<>();
        limits.memoryBytes().ifPresent(bytes -> {
            settings.add(Setting.of(MEMORY, "memory.max", bytes));
            settings.add(Setting.ifPresent(MEMORY, "memory.swap.max", 0));
        });
        limits.cpus().ifPresent(quota ->
                settings.add(Setting.of(CPU, "cpu.max", quota.quotaMicros() + " " + CpuQuota.PERIOD_MICROS)));
        limits.cpuShares().ifPresent(shares -> settings.add(Setting.of(CPU, "cpu.weight", shares.weight())));
        limits.cpusetCpus().ifPresent(set -> settings.add(Setting.of(CPUSET, "cpuset.cpus", set)));
        limits.pidsMax().ifPresent(max -> settings.add(Setting.of(PIDS, "pids.max", max)));
        return settings;
        // end::exercise-v2-settings[]
    }
    // end::v2-settings[]

    /** The controllers the root offers to its children (its {@code cgroup.controllers}). */
    public Set<String> availableControllers() {
        return words(fs.read(root.resolve("cgroup.controllers")));
    }

    @Override
    public Cgroup create(String containerId, ResourceLimits limits) {
        ContainerDirs.requireValidId(containerId);
        Set<String> available = availableControllers();
        for (String needed : limits.controllers()) {
            if (!available.contains(needed)) {
                throw new CgroupException("the \"" + needed + "\" controller is not available in " + root
                        + " (its cgroup.controllers lists: " + (available.isEmpty() ? "nothing" : String.join(" ", available))
                        + "), so " + ResourceLimits.flagsOf(needed) + " cannot be enforced");
            }
        }
        List<String> enabled = CONTROLLERS.stream().filter(available::contains).toList();
        enable(root, enabled);
        Path dir = ContainerDirs.create(fs, root, containerId);
        try {
            enable(dir.getParent(), enabled);
            for (Setting setting : settings(limits)) {
                setting.applyTo(fs, dir);
            }
        } catch (RuntimeException e) {
            ContainerDirs.removeAfterFailure(fs, List.of(dir), e);
            throw e;
        }
        Map<String, Path> controllerDirs = new LinkedHashMap<>();
        enabled.forEach(controller -> controllerDirs.put(controller, dir));
        Optional<Path> oomCounter = enabled.contains(MEMORY) ? Optional.of(dir.resolve("memory.events")) : Optional.empty();
        return new Cgroup(containerId, fs, List.of(dir), controllerDirs, oomCounter);
    }

    // tag::v2-enable[]
    /** Write {@code +controller} to {@code cgroup}'s subtree_control for each one not enabled yet. */
    private void enable(Path cgroup, List<String> controllers) {
        Path subtreeControl = cgroup.resolve("cgroup.subtree_control");
        Set<String> already = words(fs.read(subtreeControl)); // <1>
        for (String controller : controllers) {
            if (already.contains(controller)) {
                continue;
            }
            try {
                fs.write(subtreeControl, "+" + controller); // <2>
            } catch (SyscallException e) {
                if (e.errno() == Errno.EBUSY) { // <3>
                    // The "no internal processes" rule: a cgroup other than the root cannot both hold
                    // processes and hand controllers to children. Seen when the unified root we were given
                    // is a non-root cgroup with processes in it (e.g. inside another container).
                    throw new CgroupException(e.getMessage() + ": " + cgroup + " holds processes, and cgroup v2"
                            + " does not let a cgroup with processes enable controllers for its children", e);
                }
                throw e;
            }
        }
    }
    // end::v2-enable[]

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
