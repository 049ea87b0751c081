package jrocker.step02.cli;

import jrocker.step01.container.ContainerException;
import jrocker.step02.cgroup.CpuSet;
import jrocker.step02.cgroup.ResourceLimits;
import picocli.CommandLine.Option;

/** {@code run}'s resource limits, docker's flags (a picocli mixin: every later step's {@code run} has them). */
public final class LimitOptions {
    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE",
            description = "Memory limit: a number with an optional unit b, k, m or g (e.g. 64m); at least 6m.")
    String memory;

    @Option(names = "--cpus", paramLabel = "DECIMAL",
            description = "How many CPUs' worth of time the container may use, e.g. 0.5 (a CFS quota).")
    String cpus;

    @Option(names = "--cpu-shares", paramLabel = "N",
            description = "Relative CPU weight when CPUs are busy, 2 to 262144 (default 1024).")
    String cpuShares;

    @Option(names = "--cpuset-cpus", paramLabel = "LIST",
            description = "The CPUs the container may run on, e.g. 0-1,3.")
    String cpusetCpus;

    @Option(names = "--pids-limit", paramLabel = "N",
            description = "How many processes and threads the container may have at once.")
    String pidsLimit;

    /** The limits the flags ask for; a bad value is a one-line error with exit code 125. */
    public ResourceLimits limits() {
        try {
            return ResourceLimits.fromFlags(memory, cpus, cpuShares, cpusetCpus, pidsLimit, CpuSet.online());
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }
}
