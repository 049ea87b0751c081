package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import jrocker.step01.container.ContainerException;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step03.container.DataRoot;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerNames;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ProcessStartTime;

/**
 * jrocker's containers on disk, beside the {@link ImageStore}: the one place that creates, lists, finds and
 * removes container directories, {@code DATA_ROOT/containers/ID/} ({@link ContainerRecord} says what is in
 * one), and their names, {@code DATA_ROOT/names/NAME -> ID} ({@link ContainerNames}).
 *
 * <p><b>Creation is atomic from the user's view.</b> A container comes to be in three steps, and a
 * {@code jrocker run} killed between any two leaves something the next command recognizes:
 * <ol>
 *   <li>{@link #reserve}: the directory appears in one rename(2), holding a file {@code creating} that names
 *       its creator (PID and start time). The control socket and the log of {@code -d} go into it.</li>
 *   <li>{@link #create}: config.json and the "created" state are written, then the name is claimed, then
 *       {@code creating} is removed. The container is listed by {@code ps -a} from the moment its name is
 *       taken: config.json is there before the name.</li>
 *   <li>Its creator records it as running, and from then on the {@link ContainerRecord} is the truth.</li>
 * </ol>
 * A directory whose creator died before step 2 was complete (it has no config.json, or its name was never
 * claimed) is <em>abandoned</em>: whatever command meets it next ({@code ps}, {@code rm}, a lookup, a
 * {@code run --name} of the same name) removes it, with its cgroup. One whose name was claimed is a
 * container like any other: {@code ps -a} lists it as Created (or with the status its monitor wrote), and
 * {@code rm -f} removes it.
 *
 * <p><b>Removal is atomic too</b>: the name goes first, then the directory is renamed out of the way into
 * {@code tmp/} in one rename(2), and deleted there. A monitor writing its exit-status or a reaper waiting
 * for the lock find the whole container or nothing.
 */
public final class ContainerStore {
    /** The file that marks a directory being created, with its creator's PID and start time. */
    static final String CREATING = "creating";
    /** docker's exit code for an unknown container. */
    public static final int NO_SUCH_CONTAINER = 1;

    private final Path dataRoot;
    private final Path containers;
    private final ContainerNames names;

    private ContainerStore(Path dataRoot) {
        this.dataRoot = dataRoot;
        this.containers = dataRoot.resolve("containers");
        this.names = new ContainerNames(dataRoot);
    }

    public static ContainerStore open(DataRoot root) {
        return new ContainerStore(root.path());
    }

    /** {@code containers/ID}. */
    public Path directory(String id) {
        return containers.resolve(id);
    }

    // tag::reserve[]
    /**
     * Step 1: the container's directory, made in {@code tmp/} with a {@code creating} file naming this
     * process, and renamed into place: it never exists without saying who is creating it.
     */
    public Path reserve(String id) throws IOException {
        Path directory = directory(id);
        Files.createDirectories(containers);
        try (WorkDirectory work = WorkDirectory.create(Files.createDirectories(dataRoot.resolve("tmp")))) {
            Path made = Files.createDirectory(work.resolve("container"));
            long me = ProcessHandle.current().pid();
            Files.writeString(made.resolve(CREATING), me + " " + ProcessStartTime.of(me).orElse(0) + "\n");
            Files.move(made, directory, StandardCopyOption.ATOMIC_MOVE);
        }
        return directory;
    }

    /**
     * Step 2: write the container's config and "created" state into its reserved directory, then give it its
     * name ({@code config} is asked for with the name claimed: a generated one such as "brave_turing" is known
     * only then), then drop the {@code creating} mark. A name in use is a one-line error (exit code 125), and
     * the directory is left for the caller's clean-up.
     *
     * @param name    --name, or null for a generated name
     * @param configs the config, given the container's name
     */
    public ContainerRecord create(Path directory, String name, Function<String, ContainerConfig> configs)
            throws IOException {
        String id = directory.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            String chosen = name != null ? name : ContainerNames.generated(id, attempt);
            ContainerRecord record = ContainerRecord.create(directory, configs.apply(chosen)); // <1>
            try {
                claim(chosen, id); // <2>
            } catch (ContainerNames.NameInUseException e) {
                if (name == null) {
                    continue; // a generated name someone has: another
                }
                Files.deleteIfExists(directory.resolve(ContainerRecord.CONFIG));
                throw ContainerException.runtime(e.getMessage());
            }
            Files.deleteIfExists(directory.resolve(CREATING)); // <3>
            return record;
        }
    }
    // end::reserve[]

    /** Claim {@code name}; a name held by an abandoned container is freed first. */
    private void claim(String name, String id) throws IOException {
        try {
            names.claim(name, id, containers);
        } catch (ContainerNames.NameInUseException taken) {
            Optional<String> owner = names.lookup(name);
            if (owner.isEmpty() || !abandoned(directory(owner.get()))) {
                throw taken;
            }
            removeAbandoned(directory(owner.get()));
            names.claim(name, id, containers);
        }
    }

    /** True when {@code directory} is a container whose creator died before it had a config and a name. */
    public boolean abandoned(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        Optional<long[]> creator = creator(directory);
        if (creator.isPresent() && ProcessStartTime.isAlive(creator.get()[0], creator.get()[1])) {
            return false; // being created right now
        }
        if (!Files.exists(directory.resolve(ContainerRecord.CONFIG))) {
            return true; // no config: nothing of it ever ran, nothing names it
        }
        if (creator.isEmpty()) {
            return false; // a complete container
        }
        String name = ContainerRecord.at(directory).config().name();
        return !names.lookup(name).equals(Optional.of(directory.getFileName().toString())); // its name never claimed
    }

    private static Optional<long[]> creator(Path directory) throws IOException {
        try {
            String[] words = Files.readString(directory.resolve(CREATING)).strip().split(" ");
            return Optional.of(new long[] {Long.parseLong(words[0]), Long.parseLong(words[1])});
        } catch (NoSuchFileException notBeingCreated) {
            return Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.of(new long[] {0, 0}); // a creator that died while writing it
        }
    }

    /**
     * Remove an abandoned container: its cgroup (its init may have joined it: it is killed), its directory.
     * Its creator never claimed its name, or the name is claimed by it and goes with it.
     */
    public void removeAbandoned(Path directory) throws IOException {
        String id = directory.getFileName().toString();
        try {
            Optional<Cgroup> cgroup = Cgroup.find(id, CgroupLayout.detect());
            if (cgroup.isPresent()) {
                cgroup.get().killAll(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                cgroup.get().remove();
            }
        } catch (RuntimeException e) { // a CgroupException, or the kernel's errno
            throw ContainerException.runtime("cannot remove the cgroup of container " + id.substring(0, 12)
                    + ", whose run was stopped before it was created: " + e.getMessage());
        }
        remove(directory);
    }

    // tag::remove[]
    /**
     * Remove a container's name and directory, with its writable layer (its cgroup must be gone). Never its
     * volumes: they are host directories the container only had mounted. Safe to call twice.
     */
    public void remove(Path directory) throws IOException {
        String id = directory.getFileName().toString();
        try {
            ContainerConfig config = ContainerRecord.at(directory).config();
            names.release(config.name(), id);
        } catch (NoSuchFileException noConfig) {
            // abandoned before its config was written: it has no name
        }
        Path tmp = Files.createDirectories(dataRoot.resolve("tmp"));
        try (WorkDirectory trash = WorkDirectory.create(tmp)) { // deleted, with what we move into it, on close
            Files.move(directory, trash.resolve("removed"), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }
    // end::remove[]

    /**
     * Every container, oldest directory first: each directory with a config.json. Abandoned ones met on the
     * way are removed.
     */
    public List<ContainerRecord> all() throws IOException {
        List<ContainerRecord> records = new ArrayList<>();
        for (Path directory : directories()) {
            ContainerRecord record = ContainerRecord.at(directory);
            if (abandoned(directory)) {
                try {
                    removeAbandoned(directory);
                } catch (ContainerException | IOException stillThere) {
                    // not listed; the next command tries again (rm -f of it says why it cannot)
                }
            } else if (record.exists()) {
                records.add(record);
            }
        }
        return records;
    }

    private List<Path> directories() throws IOException {
        if (!Files.isDirectory(containers)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(containers)) {
            return all.sorted().toList();
        }
    }

    /**
     * A container's directory by its name, its ID or an unambiguous prefix of its ID (docker's order); an
     * unknown one is a one-line error with exit code 1. The directory may be abandoned: see {@link #abandoned}.
     */
    public Path find(String nameOrId) throws IOException {
        Optional<String> named = names.lookup(nameOrId);
        if (named.isPresent() && Files.isDirectory(directory(named.get()))) {
            return directory(named.get());
        }
        List<Path> matches = new ArrayList<>();
        if (nameOrId.matches("[0-9a-f]{1,64}")) {
            for (Path container : directories()) {
                if (container.getFileName().toString().startsWith(nameOrId)) {
                    matches.add(container);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new ContainerException(NO_SUCH_CONTAINER, "no such container: " + nameOrId);
        }
        if (matches.size() > 1) {
            throw new ContainerException(NO_SUCH_CONTAINER, "container ID prefix " + nameOrId + " is ambiguous: "
                    + matches.size() + " containers start with it; give more digits");
        }
        return matches.get(0);
    }
}
