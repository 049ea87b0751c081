package jrocker.step02.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jrocker.step01.container.Container;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Namespace;
import jrocker.step02.Main;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.cgroup.CgroupDriver;
import jrocker.step02.cgroup.CpuSet;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step02.container.EnterCgroupNamespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * step02's {@code run}: step01's, plus docker's resource limits. Each container gets its own cgroup,
 * {@code jrocker/ID} in every hierarchy it uses; the init is placed in it between Ready and Go, so
 * the user's command never runs a moment without its limits; the cgroup is removed when the
 * container ends, however it ends.
 */
@Command(name = "run",
        description = "Run COMMAND in new namespaces and its own cgroup, with optional resource limits.")
public class RunCommand extends jrocker.step01.cli.RunCommand {

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

    /** This container's cgroup, from {@link #call} until it is removed. */
    private volatile Cgroup cgroup;
    private ResourceLimits limits;

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    @Override
    public Integer call() throws IOException {
        limits = limits(); // bad values fail here, before anything is created
        return super.call();
    }

    /** The limits the flags ask for; a bad value is a one-line error with exit code 125. */
    ResourceLimits limits() {
        try {
            return ResourceLimits.fromFlags(memory, cpus, cpuShares, cpusetCpus, pidsLimit, CpuSet.online());
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
    }

    /**
     * The cgroup namespace is no longer created with the others: the init creates it after it has been
     * placed in its cgroup (see {@link EnterCgroupNamespace}).
     */
    @Override
    protected Set<Namespace> namespaces() {
        Set<Namespace> namespaces = EnumSet.allOf(Namespace.class);
        namespaces.remove(Namespace.CGROUP);
        return namespaces;
    }

    @Override
    protected List<InitStage<?>> stagesAfterGo() {
        List<InitStage<?>> stages = new ArrayList<>(super.stagesAfterGo());
        stages.add(new EnterCgroupNamespace());
        return stages;
    }

    // tag::host-setup[]
    /**
     * Between the init's Ready and Go: create the container's cgroup and move the init into it. The init
     * has already loaded and allocated everything it needs, so a small limit (-m 16m, --pids-limit 10)
     * cannot kill it before it execs; its children, the user's command included, are born inside.
     */
    @Override
    protected ContainerLauncher.HostSetup hostSetup(ContainerId id) {
        return initPid -> {
            cgroup = CgroupDriver.forThisHost().create(id.full(), limits);
            cgroup.addProcess(initPid);
        };
    }
    // end::host-setup[]

    // tag::wait[]
    /** Wait as step01 does; then tell an OOM kill from other deaths by the kernel's own counter. */
    @Override
    protected int waitFor(ContainerId id, Container container) {
        int status = super.waitFor(id, container);
        if (status == 137 && limits.memoryBytes().isPresent() && cgroup.oomKilled()) {
            spec().commandLine().getErr().println("jrocker: killed: out of memory, limit "
                    + mebibytes(limits.memoryBytes().getAsLong()));
            spec().commandLine().getErr().flush();
        }
        return status;
    }
    // end::wait[]

    /** However the container ended (or failed to start), its cgroup goes. */
    @Override
    protected void cleanUp(ContainerId id) {
        if (cgroup != null) {
            cgroup.remove();
            cgroup = null;
        }
        super.cleanUp(id);
    }

    /** "16 MiB", or "1.5 GiB" style for what is not a whole number of MiB. */
    static String mebibytes(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes + " bytes";
    }
}
