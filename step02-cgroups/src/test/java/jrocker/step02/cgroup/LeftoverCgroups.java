package jrocker.step02.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The leak check of the privileged cgroup tests: which jrocker cgroups exist now that did not exist when
 * the check was made. A learner may have a container of their own running while the suite runs (its
 * {@code jrocker/ID}, and so the {@code jrocker} parent, are there before and after): only what a test
 * created and left counts as a leak.
 */
public final class LeftoverCgroups {
    private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");

    private final Set<Path> before;

    private LeftoverCgroups(Set<Path> before) {
        this.before = before;
    }

    /** Remember every jrocker cgroup directory that exists now. */
    public static LeftoverCgroups now() {
        return new LeftoverCgroups(Set.copyOf(jrockerDirectories()));
    }

    private static boolean namedJrocker(Path dir) {
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().contains("jrocker");
    }

    /** The jrocker cgroup directories that appeared since {@link #now()}: empty when nothing was left behind. */
    public List<Path> appeared() {
        return jrockerDirectories().stream().filter(dir -> !before.contains(dir)).sorted().toList();
    }

    /** True if {@code dir} existed when the check was made. */
    public boolean existedBefore(Path dir) {
        return before.contains(dir);
    }

    /**
     * Every directory named like jrocker in the cgroup trees and the containers' cgroups in them
     * ({@code HIERARCHY/jrocker/ID}), four levels deep.
     */
    private static List<Path> jrockerDirectories() {
        try (Stream<Path> walk = Files.walk(CGROUP_FS, 4)) {
            return walk.filter(Files::isDirectory).filter(dir -> namedJrocker(dir) || namedJrocker(dir.getParent())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + CGROUP_FS, e);
        }
    }
}
