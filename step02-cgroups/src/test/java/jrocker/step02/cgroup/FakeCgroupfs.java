package jrocker.step02.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;

/**
 * A pretend cgroupfs in a temporary directory, for tests without root. A plain directory is not
 * cgroupfs: mkdir makes no control files, rmdir refuses a directory with files in it, and any value can
 * be written anywhere. So this fake plays the kernel's part, just enough to catch the classic mistakes:
 * <ul>
 *   <li>mkdir creates the control files: on v2 only those of the controllers the parent enables in its
 *       {@code cgroup.subtree_control}; on v1 those of the tree's controllers;</li>
 *   <li>{@code +controller} in subtree_control needs the controller in {@code cgroup.controllers} (else
 *       ENOENT, as the kernel answers) and adds its files to the existing children;</li>
 *   <li>rmdir removes the control files with the directory, and fails with EBUSY while processes or
 *       child cgroups are in it;</li>
 *   <li>v1: cgroup.procs fails with ENOSPC in a cpuset cgroup whose cpuset.cpus or cpuset.mems is empty,
 *       and memory.memsw.limit_in_bytes may never be below memory.limit_in_bytes (EINVAL);</li>
 *   <li>v2: writing 1 to {@code cgroup.kill} makes every process in the cgroup exit;</li>
 *   <li>a file that does not exist cannot be written (ENOENT).</li>
 * </ul>
 * Every method is synchronized: each kernel operation is atomic, and so is each fake one.
 */
final class FakeCgroupfs implements CgroupFs {
    static final String UNLIMITED_V1 = "9223372036854771712";

    /** One mounted hierarchy: its root directory, cgroup version and controllers. */
    private record Hierarchy(Path root, boolean v2, Set<String> controllers) {
    }

    /** One write the driver did, in order. */
    record Write(Path file, String value) {
    }

    private final List<Hierarchy> hierarchies = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Integer> failingFiles = new HashMap<>();
    private final Map<Path, Integer> busyRmdirs = new HashMap<>();
    private final Map<Path, Runnable> beforeMkdir = new HashMap<>();
    private boolean swapAccounting = true;
    private String rootCpus = "0-3";

    /** Pretend the kernel has no swap accounting: no memory.swap.max, no memory.memsw.* files. */
    FakeCgroupfs withoutSwapAccounting() {
        swapAccounting = false;
        return this;
    }

    /** A cgroup2 root whose cgroup.controllers lists {@code controllers}. */
    synchronized Path addV2Root(Path root, String... controllers) {
        hierarchies.add(new Hierarchy(root, true, new LinkedHashSet<>(List.of(controllers))));
        createDirectory(root);
        put(root.resolve("cgroup.controllers"), String.join(" ", controllers));
        put(root.resolve("cgroup.subtree_control"), "");
        put(root.resolve("cgroup.procs"), "");
        return root;
    }

    /** A cgroup v1 tree carrying {@code controllers} (e.g. "cpu", "cpuacct" for a co-mounted cpu,cpuacct). */
    synchronized Path addV1Root(Path root, String... controllers) {
        Hierarchy hierarchy = new Hierarchy(root, false, new LinkedHashSet<>(List.of(controllers)));
        hierarchies.add(hierarchy);
        createDirectory(root);
        createV1Files(root, hierarchy, true);
        return root;
    }

    /** The next write to a file named {@code fileName} fails with {@code errno}, and so do all later ones. */
    synchronized void failWritesTo(String fileName, int errno) {
        failingFiles.put(fileName, errno);
    }

    /** The next {@code times} rmdirs of {@code dir} fail with EBUSY, as while its processes are exiting. */
    synchronized void busyFor(Path dir, int times) {
        busyRmdirs.put(dir, times);
    }

    /** Run {@code action} just before the next mkdir of {@code dir}, e.g. another container's removal. */
    synchronized void beforeMkdir(Path dir, Runnable action) {
        beforeMkdir.put(dir, action);
    }

    /** Told of each process the fake kernel ends (cgroup.kill), e.g. to end a real process standing for it. */
    private java.util.function.LongConsumer onKill = pid -> {
    };

    synchronized void onKill(java.util.function.LongConsumer listener) {
        onKill = listener;
    }

    /** Process {@code pid} exits: it leaves every cgroup.procs (the kernel does that at exit). */
    synchronized void exitProcess(long pid) {
        for (Hierarchy hierarchy : hierarchies) {
            leave(hierarchy, Long.toString(pid));
        }
    }

    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The values written to files named {@code fileName}, in order. */
    synchronized List<String> writesTo(String fileName) {
        return writes.stream().filter(w -> w.file().getFileName().toString().equals(fileName)).map(Write::value).toList();
    }

    /** Every cgroup directory below the roots: empty when nothing was left behind. */
    synchronized List<Path> cgroups() {
        List<Path> found = new ArrayList<>();
        for (Hierarchy hierarchy : hierarchies) {
            try (Stream<Path> walk = Files.walk(hierarchy.root())) {
                walk.filter(Files::isDirectory).filter(dir -> !dir.equals(hierarchy.root())).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The value in a control file, without the kernel's trailing newline. */
    String value(Path file) {
        return read(file).strip();
    }

    @Override
    public synchronized void mkdir(Path dir) {
        Runnable action = beforeMkdir.remove(dir);
        if (action != null) {
            action.run();
        }
        if (Files.exists(dir)) {
            throw new SyscallException("mkdir " + dir, Errno.EEXIST);
        }
        if (!Files.isDirectory(dir.getParent())) {
            throw new SyscallException("mkdir " + dir, Errno.ENOENT);
        }
        Hierarchy hierarchy = hierarchyOf(dir);
        createDirectory(dir);
        put(dir.resolve("cgroup.procs"), "");
        if (hierarchy.v2()) {
            String handedDown = value(dir.getParent().resolve("cgroup.subtree_control"));
            put(dir.resolve("cgroup.controllers"), handedDown);
            put(dir.resolve("cgroup.subtree_control"), "");
            put(dir.resolve("cgroup.events"), "populated 0\nfrozen 0");
            put(dir.resolve("cgroup.kill"), ""); // kernel 5.14+, in every cgroup but the root
            put(dir.resolve("cgroup.freeze"), "0");
            for (String controller : words(handedDown)) {
                createV2Files(dir, controller);
            }
        } else {
            createV1Files(dir, hierarchy, false);
        }
    }

    @Override
    public synchronized void rmdir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SyscallException("rmdir " + dir, Errno.ENOENT);
        }
        int busy = busyRmdirs.getOrDefault(dir, 0);
        if (busy > 0) {
            busyRmdirs.put(dir, busy - 1);
            throw new SyscallException("rmdir " + dir, Errno.EBUSY);
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> entries = children.toList();
            boolean hasChildCgroups = entries.stream().anyMatch(Files::isDirectory);
            if (hasChildCgroups || !value(dir.resolve("cgroup.procs")).isEmpty()
                    || hierarchies.stream().anyMatch(h -> h.root().equals(dir))) {
                throw new SyscallException("rmdir " + dir, Errno.EBUSY);
            }
            for (Path file : entries) {
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void write(Path file, String value) {
        String call = "write " + value + " to " + file;
        if (!Files.isRegularFile(file)) {
            throw new SyscallException(call, Errno.ENOENT);
        }
        String name = file.getFileName().toString();
        Integer failure = failingFiles.get(name);
        if (failure != null) {
            throw new SyscallException(call, failure);
        }
        Path dir = file.getParent();
        switch (name) {
            case "cgroup.subtree_control" -> enableControllers(dir, value, call);
            case "cgroup.procs" -> moveProcess(dir, value, call);
            case "cgroup.kill" -> {
                if (!value.equals("1")) {
                    throw new SyscallException(call, Errno.EINVAL);
                }
                for (String pid : words(value(dir.resolve("cgroup.procs")))) {
                    exitProcess(Long.parseLong(pid));
                    onKill.accept(Long.parseLong(pid));
                }
            }
            case "freezer.state" -> {
                if (!value.equals("FROZEN") && !value.equals("THAWED")) {
                    throw new SyscallException(call, Errno.EINVAL);
                }
                put(file, value);
            }
            case "memory.limit_in_bytes" -> {
                Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
                if (Files.exists(memsw) && Long.parseLong(value) > Long.parseLong(value(memsw))) {
                    throw new SyscallException(call, Errno.EINVAL);
                }
                put(file, value);
            }
            case "memory.memsw.limit_in_bytes" -> {
                if (Long.parseLong(value) < Long.parseLong(value(dir.resolve("memory.limit_in_bytes")))) {
                    throw new SyscallException(call, Errno.EINVAL);
                }
                put(file, value);
            }
            default -> put(file, value);
        }
        writes.add(new Write(file, value));
    }

    @Override
    public synchronized String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SyscallException("read " + file, Errno.ENOENT);
        }
    }

    @Override
    public synchronized boolean exists(Path path) {
        return Files.exists(path);
    }

    private void enableControllers(Path dir, String value, String call) {
        Set<String> enabled = words(value(dir.resolve("cgroup.subtree_control")));
        Set<String> available = words(value(dir.resolve("cgroup.controllers")));
        for (String token : words(value)) {
            String controller = token.substring(1);
            if (token.startsWith("+")) {
                if (!available.contains(controller)) {
                    throw new SyscallException(call, Errno.ENOENT);
                }
                if (enabled.add(controller)) {
                    for (Path child : childCgroups(dir)) {
                        put(child.resolve("cgroup.controllers"), String.join(" ", enabled));
                        createV2Files(child, controller);
                    }
                }
            } else if (token.startsWith("-")) {
                enabled.remove(controller);
            } else {
                throw new SyscallException(call, Errno.EINVAL);
            }
        }
        put(dir.resolve("cgroup.subtree_control"), String.join(" ", enabled));
    }

    /** A process is in exactly one cgroup of each hierarchy: joining one leaves the other. */
    private void moveProcess(Path dir, String pid, String call) {
        if (!pid.matches("[1-9][0-9]*")) {
            throw new SyscallException(call, Errno.EINVAL);
        }
        Hierarchy hierarchy = hierarchyOf(dir);
        if (!hierarchy.v2() && hierarchy.controllers().contains("cpuset")
                && (value(dir.resolve("cpuset.cpus")).isEmpty() || value(dir.resolve("cpuset.mems")).isEmpty())) {
            throw new SyscallException(call, Errno.ENOSPC);
        }
        leave(hierarchy, pid);
        Set<String> pids = words(value(dir.resolve("cgroup.procs")));
        pids.add(pid);
        put(dir.resolve("cgroup.procs"), String.join("\n", pids));
    }

    private void leave(Hierarchy hierarchy, String pid) {
        try (Stream<Path> walk = Files.walk(hierarchy.root())) {
            for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                Set<String> pids = words(value(procs));
                if (pids.remove(pid)) {
                    put(procs, String.join("\n", pids));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createV2Files(Path dir, String controller) {
        Map<String, String> files = new LinkedHashMap<>();
        switch (controller) {
            case "memory" -> {
                files.put("memory.max", "max");
                files.put("memory.current", "0");
                files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0");
                if (swapAccounting) {
                    files.put("memory.swap.max", "max");
                }
            }
            case "cpu" -> {
                files.put("cpu.max", "max 100000");
                files.put("cpu.weight", "100");
            }
            case "cpuset" -> {
                files.put("cpuset.cpus", "");
                files.put("cpuset.mems", "");
            }
            case "pids" -> {
                files.put("pids.max", "max");
                files.put("pids.current", "0");
            }
            default -> files.put(controller + ".stat", "");
        }
        files.forEach((name, content) -> put(dir.resolve(name), content));
    }

    private void createV1Files(Path dir, Hierarchy hierarchy, boolean isRoot) {
        put(dir.resolve("cgroup.procs"), "");
        put(dir.resolve("tasks"), "");
        put(dir.resolve("cgroup.clone_children"), "0");
        put(dir.resolve("notify_on_release"), "0");
        for (String controller : hierarchy.controllers()) {
            switch (controller) {
                case "memory" -> {
                    put(dir.resolve("memory.limit_in_bytes"), UNLIMITED_V1);
                    put(dir.resolve("memory.usage_in_bytes"), "0");
                    put(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0");
                    if (swapAccounting) {
                        put(dir.resolve("memory.memsw.limit_in_bytes"), UNLIMITED_V1);
                    }
                }
                case "cpu" -> {
                    put(dir.resolve("cpu.cfs_period_us"), "100000");
                    put(dir.resolve("cpu.cfs_quota_us"), "-1");
                    put(dir.resolve("cpu.shares"), "1024");
                }
                case "cpuset" -> {
                    // Only the root has CPUs and memory nodes; a new child starts empty (clone_children 0).
                    put(dir.resolve("cpuset.cpus"), isRoot ? rootCpus : "");
                    put(dir.resolve("cpuset.mems"), isRoot ? "0" : "");
                }
                case "pids" -> put(dir.resolve("pids.max"), "max");
                case "freezer" -> put(dir.resolve("freezer.state"), "THAWED");
                default -> put(dir.resolve(controller + ".usage"), "0");
            }
        }
    }

    private Hierarchy hierarchyOf(Path dir) {
        return hierarchies.stream().filter(h -> dir.startsWith(h.root())).findFirst()
                .orElseThrow(() -> new IllegalStateException(dir + " is in no fake hierarchy"));
    }

    private static List<Path> childCgroups(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Store a control file's content the way the kernel shows it: with a trailing newline. */
    private static void put(Path file, String content) {
        try {
            Files.writeString(file, content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
