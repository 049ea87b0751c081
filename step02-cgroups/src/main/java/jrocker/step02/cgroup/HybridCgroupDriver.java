package jrocker.step02.cgroup;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A hybrid host (systemd's "hybrid" mode): the controllers are mounted as cgroup v1 trees, and a cgroup2
 * tree (often /sys/fs/cgroup/unified) holds only the controllers no v1 tree took (a controller can be
 * in one hierarchy at a time). Each limit goes where its controller is: v1 when a v1 tree has it,
 * otherwise cgroup2. The cgroup2 part is created only if some limit needs it; with the four
 * controllers jrocker uses all on v1, that is never the case (and on this project's CI machine the
 * cgroup2 tree offers none of them).
 */
public final class HybridCgroupDriver implements CgroupDriver {
    private final Map<String, Path> v1Mounts;
    private final CgroupV1Driver v1;
    private final CgroupV2Driver v2;

    public HybridCgroupDriver(Map<String, Path> v1Mounts, Path unifiedRoot) {
        this(v1Mounts, unifiedRoot, CgroupFs.kernel());
    }

    public HybridCgroupDriver(Map<String, Path> v1Mounts, Path unifiedRoot, CgroupFs fs) {
        this.v1Mounts = Map.copyOf(v1Mounts);
        this.v1 = new CgroupV1Driver(v1Mounts, fs);
        this.v2 = new CgroupV2Driver(unifiedRoot, fs);
    }

    @Override
    public Cgroup create(String containerId, ResourceLimits limits) {
        Set<String> onV1 = new LinkedHashSet<>(limits.controllers());
        onV1.retainAll(v1Mounts.keySet());
        Set<String> onV2 = new LinkedHashSet<>(limits.controllers());
        onV2.removeAll(onV1);

        Cgroup v1Part = v1.create(containerId, limits.only(onV1));
        if (onV2.isEmpty()) {
            return v1Part;
        }
        try {
            return Cgroup.combine(v1Part, v2.create(containerId, limits.only(onV2)));
        } catch (RuntimeException e) {
            try {
                v1Part.remove();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
