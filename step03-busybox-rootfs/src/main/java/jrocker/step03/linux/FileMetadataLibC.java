package jrocker.step03.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The C library's calls for a file's owner, mode and times, each one system call on a path. The JDK's
 * own ways take two lchown(2) calls for an owner and a group, open(2), fchmod(2) and close(2) for a mode
 * that must not follow a symlink, and a stat(2) before utimensat(2) to keep the access time; for the
 * tens of thousands of entries of an image layer, that is most of the unpacking's system calls.
 * Paths are NUL-terminated bytes, exactly the host's file name bytes.
 */
final class FileMetadataLibC {
    static {
        Native.register("c");
    }

    private FileMetadataLibC() {
    }

    /** lchown(2): owner and group of the path itself (a symlink's own, not its target's). */
    static native int lchown(byte[] path, int uid, int gid) throws LastErrorException;

    /** chmod(2). Follows a symlink: only for files and directories. */
    static native int chmod(byte[] path, int mode) throws LastErrorException;

    /** symlink(2): a symlink at {@code path} holding exactly the bytes of {@code target}. */
    static native int symlink(byte[] target, byte[] path) throws LastErrorException;

    /** readlink(2): the bytes of a symlink's target, not NUL-terminated; returns how many. */
    static native long readlink(byte[] path, byte[] buffer, long size) throws LastErrorException;

    /** utimensat(2): {@code times} is two struct timespec (seconds, nanoseconds): access, then modification. */
    static native int utimensat(int directoryFd, byte[] path, long[] times, int flags) throws LastErrorException;
}
