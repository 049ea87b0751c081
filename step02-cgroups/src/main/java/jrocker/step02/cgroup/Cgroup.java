package jrocker.step02.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jrocker.step01.container.EveryOne;

/**
 * One container's cgroup, as a {@link CgroupDriver} created it: a directory {@code jrocker/<id>} in each
 * hierarchy the container uses (one on cgroup v2, one per controller tree on v1). The same class serves
 * v1 and v2, because once the directories exist the two differ only in file names.
 */
public final class Cgroup {
    private final String containerId;
    private final CgroupFs fs;
    private final List<Path> directories;
    private final Map<String, Path> controllerDirectories;
    private final Optional<Path> oomCounter;

    /**
     * @param directories           every directory created for the container, each removed by {@link #remove()}
     * @param controllerDirectories which of them each controller's files are in
     * @param oomCounter            the file with the kernel's {@code oom_kill N} line: memory.events (v2)
     *                              or memory.oom_control (v1); empty without a memory controller
     */
    Cgroup(String containerId, CgroupFs fs, List<Path> directories, Map<String, Path> controllerDirectories,
           Optional<Path> oomCounter) {
        this.containerId = containerId;
        this.fs = fs;
        this.directories = List.copyOf(directories);
        this.controllerDirectories = Map.copyOf(controllerDirectories);
        this.oomCounter = oomCounter;
    }

    /**
     * The cgroup of container {@code containerId} that an earlier jrocker process created, found where every
     * driver puts it: {@code jrocker/<id>} in each cgroup hierarchy of this host's {@code layout}. Empty when
     * there is none (removed already, or never created). step05's {@code rm} and the monitor's reaper run in
     * other processes than the {@code run} that created it.
     */
    public static Optional<Cgroup> find(String containerId, jrocker.step01.linux.CgroupLayout layout) {
        ContainerDirs.requireValidId(containerId);
        List<Path> directories = new ArrayList<>();
        Optional<Path> oomCounter = Optional.empty();
        for (Path mount : new java.util.LinkedHashSet<>(layout.v1Mounts().values())) {
            Path directory = mount.resolve(ContainerDirs.PARENT).resolve(containerId);
            if (java.nio.file.Files.isDirectory(directory)) {
                directories.add(directory);
                if (mount.equals(layout.v1Mounts().get(ResourceLimits.MEMORY))) {
                    oomCounter = Optional.of(directory.resolve("memory.oom_control"));
                }
            }
        }
        for (Path mount : everyHierarchy(jrocker.step01.linux.MountTable.current())) { // step05's walls use them all
            Path directory = mount.resolve(ContainerDirs.PARENT).resolve(containerId);
            if (!directories.contains(directory) && !layout.unifiedMount().equals(Optional.of(mount))
                    && java.nio.file.Files.isDirectory(directory)) {
                directories.add(directory);
            }
        }
        if (layout.unifiedMount().isPresent()) {
            Path directory = layout.unifiedMount().get().resolve(ContainerDirs.PARENT).resolve(containerId);
            if (java.nio.file.Files.isDirectory(directory)) {
                directories.add(directory);
                if (oomCounter.isEmpty() && java.nio.file.Files.exists(directory.resolve("memory.events"))) {
                    oomCounter = Optional.of(directory.resolve("memory.events"));
                }
            }
        }
        if (directories.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Cgroup(containerId, CgroupFs.kernel(), directories, Map.of(), oomCounter));
    }

    /**
     * Where every cgroup hierarchy of {@code table} is mounted: each v1 tree, those without a controller (such as
     * systemd's name=systemd) included, and the cgroup2 tree.
     */
    public static List<Path> everyHierarchy(jrocker.step01.linux.MountTable table) {
        java.util.Set<Path> roots = new java.util.LinkedHashSet<>();
        for (String type : List.of("cgroup", "cgroup2")) {
            for (jrocker.step01.linux.MountTable.Mount mount : table.ofType(type)) {
                roots.add(Path.of(mount.mountPoint()));
            }
        }
        return List.copyOf(roots);
    }

    /**
     * This cgroup, extended with {@code jrocker/<id>} in each of {@code hierarchies} it has no directory in yet.
     * step05 puts every container in its own cgroup of every hierarchy, not only of those it has limits in: a
     * process left in a root cgroup can reach the root's files (v1's release_agent) when it mounts that hierarchy.
     * Either every directory is made, or none is left behind.
     */
    public Cgroup inEveryHierarchy(List<Path> hierarchies) {
        List<Path> all = new ArrayList<>(directories);
        List<Path> created = new ArrayList<>();
        try {
            for (Path root : hierarchies) {
                if (!all.contains(root.resolve(ContainerDirs.PARENT).resolve(containerId))) {
                    Path directory = ContainerDirs.create(fs, root, containerId);
                    created.add(directory);
                    all.add(directory);
                    if (fs.exists(directory.resolve("cpuset.cpus"))) { // a v1 cpuset tree: empty sets refuse processes
                        new CgroupV1Driver(Map.of(), fs).inheritCpuset(directory);
                    }
                }
            }
        } catch (RuntimeException e) {
            ContainerDirs.removeAfterFailure(fs, created, e);
            throw e;
        }
        return new Cgroup(containerId, fs, all, controllerDirectories, oomCounter);
    }

    /** The file the kernel counts OOM kills in, if the container has a memory cgroup. */
    public Optional<Path> oomCounter() {
        return oomCounter;
    }

    /** Both parts of a container's cgroup on a hybrid host (v1 trees plus the cgroup2 tree). */
    static Cgroup combine(Cgroup first, Cgroup second) {
        List<Path> directories = new ArrayList<>(first.directories);
        directories.addAll(second.directories);
        Map<String, Path> controllers = new LinkedHashMap<>(second.controllerDirectories);
        controllers.putAll(first.controllerDirectories);
        return new Cgroup(first.containerId, first.fs, directories, controllers,
                first.oomCounter.or(() -> second.oomCounter));
    }

    public String containerId() {
        return containerId;
    }

    /** The container's directories, one per hierarchy, e.g. /sys/fs/cgroup/memory/jrocker/ID. */
    public List<Path> directories() {
        return directories;
    }

    /** The directory holding {@code controller}'s files ("memory", "cpu", ...), if the container has one. */
    public Optional<Path> directory(String controller) {
        return Optional.ofNullable(controllerDirectories.get(controller));
    }

    /**
     * Move process {@code pid} (all its threads) into the container's cgroup in every hierarchy, by writing
     * it to {@code cgroup.procs}. Its future children are born inside. Memory already charged stays where
     * it was, which is why a container process should join before it does its real work.
     */
    public void addProcess(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process ID: " + pid);
        }
        for (Path directory : directories) {
            fs.write(directory.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    /** The processes in the container's cgroups now: every pid in each directory's cgroup.procs. */
    public Set<Long> processes() {
        Set<Long> pids = new TreeSet<>();
        for (Path directory : directories) {
            pids.addAll(pidsIn(directory));
        }
        return pids;
    }

    /** Who delivers SIGKILL to one process: kill(2) on a real host, a recording double in tests. */
    @FunctionalInterface
    public interface ProcessKiller {
        void sigkill(long pid);
    }

    // tag::kill-all[]
    /**
     * SIGKILL every process in the container's cgroup, not only its PID 1: the cgroup, not a process tree,
     * is what owns a container's processes. A process whose parent died is re-parented to the host's init,
     * but it cannot leave its cgroup. Two ways, by what the kernel offers:
     * <ul>
     *   <li>cgroup v2 (kernel 5.14+): write 1 to {@code cgroup.kill}; the kernel kills every process in the
     *       cgroup and its children at once, including one being forked at that moment;</li>
     *   <li>cgroup v1: freeze the cgroup ({@code freezer.state} FROZEN), SIGKILL each PID in its
     *       {@code cgroup.procs}, then thaw it. A frozen process can neither fork nor exit, so the list
     *       cannot grow behind our back and no PID in it can be reused by another process before the
     *       signal arrives; thawed, they all die.</li>
     * </ul>
     * Returns without waiting: the processes are gone a moment later ({@link #processes()} is then empty).
     */
    public void killAll(ProcessKiller killer) {
        Optional<Path> killFile = directories.stream().map(dir -> dir.resolve("cgroup.kill")).filter(fs::exists).findFirst();
        if (killFile.isPresent()) {
            fs.write(killFile.get(), "1"); // <1>
            return;
        }
        Optional<Path> freezer = directories.stream().filter(dir -> fs.exists(dir.resolve("freezer.state"))).findFirst();
        if (freezer.isEmpty()) {
            killEach(killer); // <2>
            return;
        }
        Path state = freezer.get().resolve("freezer.state");
        fs.write(state, "FROZEN"); // <3>
        try {
            awaitFrozen(state);
            for (long pid : pidsIn(freezer.get())) {
                killer.sigkill(pid); // <4>
            }
        } finally {
            fs.write(state, "THAWED"); // <5>
        }
    }
    // end::kill-all[]

    /**
     * Without cgroup.kill or a freezer: SIGKILL each process listed, a few rounds, since one may have forked
     * between our read and our kill. A PID that exits and is reused in between could be hit: the freezer and
     * cgroup.kill exist to close that gap.
     */
    private void killEach(ProcessKiller killer) {
        for (int round = 0; round < 5; round++) {
            Set<Long> pids = processes();
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(killer::sigkill);
        }
    }

    /** The freezer may answer FREEZING while a process finishes a system call; FROZEN comes a moment later. */
    private void awaitFrozen(Path state) {
        long deadline = System.nanoTime() + ContainerDirs.BUSY_TIMEOUT.toNanos();
        while (!fs.read(state).strip().equals("FROZEN")) {
            if (System.nanoTime() > deadline) {
                throw new CgroupException("cannot freeze " + state.getParent() + ": still " + fs.read(state).strip()
                        + " after " + ContainerDirs.BUSY_TIMEOUT.toSeconds() + " s (a process stuck in the kernel, state D?)");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CgroupException("interrupted while freezing " + state.getParent(), e);
            }
        }
    }

    private Set<Long> pidsIn(Path directory) {
        Set<Long> pids = new TreeSet<>();
        for (String line : fs.read(directory.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    /**
     * How many processes the kernel's OOM killer killed in this cgroup: the {@code oom_kill} line of
     * memory.events (v2) or memory.oom_control (v1). The kernel's own counter, so "exit status 137" can be
     * told apart: OOM-killed, or a plain {@code kill -9}.
     */
    public long oomKillCount() {
        Path file = oomCounter.orElseThrow(() -> new CgroupException("cannot count the OOM kills of container "
                + containerId + ": it has no memory cgroup (the memory controller is not available)"));
        for (String line : fs.read(file).split("\n")) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).strip());
            }
        }
        throw new CgroupException(file + " has no oom_kill line: the kernel is older than 4.13, which added it");
    }

    /** True when the OOM killer killed at least one process of the container. */
    public boolean oomKilled() {
        return oomKillCount() > 0;
    }

    /**
     * Remove every directory this cgroup created, and the shared {@code jrocker} parent when no other
     * container uses it. Only rmdir: the control files inside are the kernel's and vanish with the
     * directory (they cannot be deleted). The processes must have exited (or be exiting: we wait a
     * little); safe to call twice. Tries every directory even if one fails, then throws the first failure.
     */
    public void remove() {
        EveryOne.tryEach(directories, directory -> ContainerDirs.remove(fs, directory));
    }

    @Override
    public String toString() {
        return "cgroup of " + containerId + " " + directories;
    }
}
