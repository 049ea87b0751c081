package jrocker.step02.cgroup;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The limits of one container, each optional: an absent value means "no limit", and then jrocker does
 * not touch the cgroup file at all (the kernel's default is already unlimited). Values are validated
 * when set, so a {@code ResourceLimits} never holds a value the kernel would refuse for its syntax.
 *
 * @param memoryBytes  {@code -m/--memory}: at least {@link MemorySize#MIN_LIMIT}
 * @param cpus         {@code --cpus}: a CFS quota
 * @param cpuShares    {@code --cpu-shares}: a relative weight
 * @param cpusetCpus   {@code --cpuset-cpus}: the CPUs the container may run on
 * @param pidsMax      {@code --pids-limit}: 1 to {@link PidsLimit#MAX}
 */
public record ResourceLimits(OptionalLong memoryBytes, Optional<CpuQuota> cpus, Optional<CpuShares> cpuShares,
                             Optional<CpuSet> cpusetCpus, OptionalLong pidsMax) {

    /** The controller names; v1 and v2 happen to use the same four names. */
    public static final String MEMORY = "memory";
    public static final String CPU = "cpu";
    public static final String CPUSET = "cpuset";
    public static final String PIDS = "pids";

    /** No limit at all. */
    public static final ResourceLimits NONE = new ResourceLimits(
            OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());

    public ResourceLimits {
        memoryBytes.ifPresent(MemorySize::requireLimit);
        pidsMax.ifPresent(PidsLimit::require);
    }

    /**
     * The limits from the flags' texts as a user typed them; {@code null} for a flag not given. {@code online}
     * bounds {@code --cpus} and {@code --cpuset-cpus} (see {@link CpuSet#online()}).
     */
    public static ResourceLimits fromFlags(String memory, String cpus, String cpuShares, String cpusetCpus,
                                           String pidsLimit, CpuSet online) {
        ResourceLimits limits = NONE;
        if (memory != null) {
            limits = limits.withMemory(MemorySize.parseLimit(memory));
        }
        if (cpus != null) {
            limits = limits.withCpus(CpuQuota.parse(cpus, online));
        }
        if (cpuShares != null) {
            limits = limits.withCpuShares(CpuShares.parse(cpuShares));
        }
        if (cpusetCpus != null) {
            limits = limits.withCpusetCpus(CpuSet.parse(cpusetCpus).requireWithin(online));
        }
        if (pidsLimit != null) {
            limits = limits.withPidsMax(PidsLimit.parse(pidsLimit));
        }
        return limits;
    }

    public ResourceLimits withMemory(long bytes) {
        return new ResourceLimits(OptionalLong.of(bytes), cpus, cpuShares, cpusetCpus, pidsMax);
    }

    public ResourceLimits withCpus(CpuQuota quota) {
        return new ResourceLimits(memoryBytes, Optional.of(quota), cpuShares, cpusetCpus, pidsMax);
    }

    public ResourceLimits withCpuShares(CpuShares shares) {
        return new ResourceLimits(memoryBytes, cpus, Optional.of(shares), cpusetCpus, pidsMax);
    }

    public ResourceLimits withCpusetCpus(CpuSet set) {
        return new ResourceLimits(memoryBytes, cpus, cpuShares, Optional.of(set), pidsMax);
    }

    public ResourceLimits withPidsMax(long max) {
        return new ResourceLimits(memoryBytes, cpus, cpuShares, cpusetCpus, OptionalLong.of(max));
    }

    /** True when no limit is set. */
    public boolean isEmpty() {
        return controllers().isEmpty();
    }

    /** The controllers these limits need, in a fixed order: memory, cpu, cpuset, pids. */
    public Set<String> controllers() {
        Set<String> needed = new LinkedHashSet<>();
        if (memoryBytes.isPresent()) {
            needed.add(MEMORY);
        }
        if (cpus.isPresent() || cpuShares.isPresent()) {
            needed.add(CPU);
        }
        if (cpusetCpus.isPresent()) {
            needed.add(CPUSET);
        }
        if (pidsMax.isPresent()) {
            needed.add(PIDS);
        }
        return needed;
    }

    /** Only the limits enforced by {@code controllers}; a hybrid host splits the limits this way. */
    public ResourceLimits only(Set<String> controllers) {
        return new ResourceLimits(
                controllers.contains(MEMORY) ? memoryBytes : OptionalLong.empty(),
                controllers.contains(CPU) ? cpus : Optional.empty(),
                controllers.contains(CPU) ? cpuShares : Optional.empty(),
                controllers.contains(CPUSET) ? cpusetCpus : Optional.empty(),
                controllers.contains(PIDS) ? pidsMax : OptionalLong.empty());
    }

    /** The flags a controller enforces, so an error can name what the user typed. */
    static String flagsOf(String controller) {
        return switch (controller) {
            case MEMORY -> "--memory";
            case CPU -> "--cpus/--cpu-shares";
            case CPUSET -> "--cpuset-cpus";
            case PIDS -> "--pids-limit";
            default -> "its limits";
        };
    }

    /** The flags that would give these limits, e.g. {@code --memory 64m --cpus 0.5}; "no limits" if none. */
    @Override
    public String toString() {
        StringBuilder flags = new StringBuilder();
        memoryBytes.ifPresent(bytes -> flags.append(" --memory ").append(MemorySize.format(bytes)));
        cpus.ifPresent(quota -> flags.append(" --cpus ").append(quota));
        cpuShares.ifPresent(shares -> flags.append(" --cpu-shares ").append(shares));
        cpusetCpus.ifPresent(set -> flags.append(" --cpuset-cpus ").append(set));
        pidsMax.ifPresent(max -> flags.append(" --pids-limit ").append(max));
        return flags.length() == 0 ? "no limits" : flags.substring(1);
    }
}
