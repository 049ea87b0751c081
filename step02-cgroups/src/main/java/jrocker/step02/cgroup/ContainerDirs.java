package jrocker.step02.cgroup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;

/**
 * Making and removing a container's directory {@code jrocker/<id>} in one cgroup hierarchy, while other
 * containers do the same at the same moment. The shared parent {@code jrocker} must not outlive the last
 * container (a leftover directory is a leak), so every removal tries to remove the parent too. That
 * creates a race this class handles:
 * <ol>
 *   <li>container A: {@code mkdir jrocker} (exists already: fine)</li>
 *   <li>container B, being removed: {@code rmdir jrocker/B}, {@code rmdir jrocker} (now empty: gone)</li>
 *   <li>container A: {@code mkdir jrocker/A} fails with ENOENT</li>
 * </ol>
 * A simply starts again at step 1. Once {@code jrocker/A} exists, the parent cannot go away: rmdir of
 * a cgroup that has child cgroups fails with EBUSY, and that EBUSY is how a removal learns that other
 * containers still use the parent.
 */
final class ContainerDirs {
    static final String PARENT = "jrocker";

    /** How long a removal waits for the last processes to leave: killed processes need a moment to exit. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(3);

    private static final int MKDIR_ATTEMPTS = 20;

    private ContainerDirs() {
    }

    /** {@code id}, if it is usable as a directory name: no '/', not "." or "..", nothing exotic. */
    static String requireValidId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException("invalid container ID \"" + id
                    + "\": use letters, digits, '_', '.' and '-' (at most 128), starting with a letter or digit");
        }
        return id;
    }

    /** Create {@code root/jrocker/id}, and {@code root/jrocker} if needed; returns the container's directory. */
    static Path create(CgroupFs fs, Path root, String id) {
        Path parent = root.resolve(PARENT);
        Path dir = parent.resolve(requireValidId(id));
        for (int attempt = 1; ; attempt++) {
            try {
                fs.mkdir(parent);
            } catch (SyscallException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
            try {
                fs.mkdir(dir);
                return dir;
            } catch (SyscallException e) {
                if (e.errno() == Errno.EEXIST) {
                    throw new CgroupException("cgroup " + dir + " already exists: a container with ID " + id
                            + " is running or was left behind (if no process uses it: rmdir " + dir + ")", e);
                }
                if (e.errno() != Errno.ENOENT || attempt == MKDIR_ATTEMPTS) {
                    throw e;
                }
                // ENOENT: a removal took the empty parent away between our two mkdirs (see above). Again.
            }
        }
    }

    /**
     * Remove a container's directory, then the shared parent if it is empty now. Waits up to
     * {@link #BUSY_TIMEOUT} while the kernel says EBUSY: a killed process leaves its cgroup only when it
     * has exited. A directory that is already gone is fine, so removing twice is harmless.
     */
    static void remove(CgroupFs fs, Path dir) {
        long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        while (true) {
            try {
                fs.rmdir(dir);
                break;
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT) {
                    break;
                }
                if (e.errno() != Errno.EBUSY || System.nanoTime() > deadline) {
                    throw e.errno() == Errno.EBUSY ? stillBusy(fs, dir, e) : e;
                }
            }
            pause();
        }
        removeParentIfEmpty(fs, dir.getParent());
    }

    /** After a failed creation: remove every directory made so far, keeping {@code failure} the main error. */
    static void removeAfterFailure(CgroupFs fs, List<Path> created, RuntimeException failure) {
        for (Path dir : created) {
            try {
                remove(fs, dir);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
    }

    private static void removeParentIfEmpty(CgroupFs fs, Path parent) {
        try {
            fs.rmdir(parent);
        } catch (SyscallException e) {
            // EBUSY: other containers' cgroups are in it. ENOENT: another removal was quicker. Both fine.
            if (e.errno() != Errno.EBUSY && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }

    private static CgroupException stillBusy(CgroupFs fs, Path dir, SyscallException e) {
        String procs;
        try {
            procs = fs.read(dir.resolve("cgroup.procs")).strip().replace('\n', ' ');
        } catch (RuntimeException unreadable) {
            procs = "?";
        }
        return new CgroupException("cannot remove cgroup " + dir + ": still busy after " + BUSY_TIMEOUT.toSeconds()
                + " s (processes in it: " + (procs.isEmpty() ? "none, but child cgroups" : procs) + ")", e);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted while waiting for a cgroup to become empty", e);
        }
    }
}
