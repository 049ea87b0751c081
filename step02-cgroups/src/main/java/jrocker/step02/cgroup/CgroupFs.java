package jrocker.step02.cgroup;

import java.nio.file.Path;

/**
 * The five file operations a cgroup driver needs. The whole cgroup API is files: mkdir creates a cgroup,
 * rmdir removes it, writing a control file sets a limit. Drivers use only this interface so tests can
 * replace the kernel with a fake in a temporary directory: in cgroupfs the <em>kernel</em> creates the
 * control files when a directory is made and deletes them when it is removed, a plain directory does
 * neither, so the fake has to play the kernel's part (see FakeCgroupfs in the tests).
 *
 * <p>Every failure is a {@link jrocker.step01.linux.SyscallException} naming the operation and the
 * errno (drivers react to EEXIST, ENOENT and EBUSY), or a {@link CgroupException} when the errno is
 * not known.
 */
public interface CgroupFs {

    /** mkdir(2): EEXIST if {@code dir} exists, ENOENT if its parent does not. */
    void mkdir(Path dir);

    /** rmdir(2) of a cgroup: EBUSY while it still has processes or child cgroups, ENOENT if it is gone. */
    void rmdir(Path dir);

    /** Write {@code value} to a control file in one write(2) call: the kernel treats each call as one command. */
    void write(Path file, String value);

    /** The whole content of a control file. */
    String read(Path file);

    boolean exists(Path path);

    /** The real thing: the kernel's cgroup file systems. */
    static CgroupFs kernel() {
        return new KernelCgroupFs();
    }
}
