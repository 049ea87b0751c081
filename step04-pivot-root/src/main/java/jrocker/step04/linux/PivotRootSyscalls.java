package jrocker.step04.linux;

import jrocker.step03.linux.RootfsSyscalls;

/**
 * step03's system calls, plus what step04 needs to switch the root for real and to furnish /dev.
 * Files are made through these calls too (not java.nio.file), so the recording test double sees
 * them and a unit test can never create anything on the test machine's own /dev.
 */
public interface PivotRootSyscalls extends RootfsSyscalls {

    /** pivot_root(2): {@code newRoot} becomes "/", the old root is moved to {@code putOld}. */
    void pivotRoot(String newRoot, String putOld);

    /**
     * mknod(2) for a character device, then chmod(2) to {@code mode} (e.g. 0666): mknod's mode passes
     * through the process' umask (usually 022), which would leave /dev/null unwritable for other users.
     */
    void mknodCharDevice(String path, int mode, int major, int minor);

    /** mkdir(2); an existing directory is fine. */
    void mkdir(String path, int mode);

    /** rmdir(2). */
    void rmdir(String path);

    /** symlink(2): {@code linkPath} → {@code target}; an existing link is replaced. */
    void symlink(String target, String linkPath);
}
