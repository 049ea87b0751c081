package jrocker.step02.cgroup;

import jrocker.step01.linux.CgroupLayout;

/**
 * Creates containers' cgroups on one host's cgroup layout. Three implementations, one per layout
 * {@link CgroupLayout} detects: {@link CgroupV2Driver} (one unified tree), {@link CgroupV1Driver} (a tree
 * per controller) and {@link HybridCgroupDriver} (v1 trees plus a cgroup2 tree).
 */
public interface CgroupDriver {

    /**
     * Create {@code jrocker/<containerId>} in each hierarchy needed and put {@code limits} in place. Either
     * everything is done, or nothing is left behind and an exception says what failed: a
     * {@link CgroupException}, a {@link jrocker.step01.linux.SyscallException} with the kernel's errno, or an
     * {@link IllegalArgumentException} for an unusable container ID.
     */
    Cgroup create(String containerId, ResourceLimits limits);

    /** The driver for {@code layout}. */
    static CgroupDriver forLayout(CgroupLayout layout) {
        return switch (layout.kind()) {
            case V2 -> new CgroupV2Driver(layout.unifiedMount().orElseThrow());
            case V1 -> new CgroupV1Driver(layout.v1Mounts());
            case HYBRID -> new HybridCgroupDriver(layout.v1Mounts(), layout.unifiedMount().orElseThrow());
            case NONE -> throw new CgroupException("no cgroup file system is mounted (neither cgroup2 nor a cgroup v1"
                    + " controller in /proc/self/mountinfo): mount one, e.g. mount -t cgroup2 none /sys/fs/cgroup");
        };
    }

    /** The driver for this host, from its mount table. */
    static CgroupDriver forThisHost() {
        return forLayout(CgroupLayout.detect());
    }
}
