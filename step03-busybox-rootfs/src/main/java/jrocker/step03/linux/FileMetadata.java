package jrocker.step03.linux;

import com.sun.jna.LastErrorException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import jrocker.step01.linux.Errno;
import jrocker.step03.tar.FileNames;

/**
 * A file's owner, mode and modification time, set with one system call each (see {@link FileMetadataLibC}).
 * A failure is a {@link FileSystemException} naming the path and the errno, like the JDK's own.
 */
public final class FileMetadata {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** tv_nsec value that leaves a time as it is. */
    private static final long UTIME_OMIT = (1L << 30) - 2L;

    private FileMetadata() {
    }

    /** Owner and group of {@code path} itself, never of what a symlink points to: lchown(2). */
    public static void lchown(Path path, int uid, int gid) throws FileSystemException {
        call("lchown", path, name -> FileMetadataLibC.lchown(name, uid, gid));
    }

    /** The mode of a file or directory (not a symlink: chmod(2) follows it). */
    public static void chmod(Path path, int mode) throws FileSystemException {
        call("chmod", path, name -> FileMetadataLibC.chmod(name, mode));
    }

    /** The modification time of {@code path} itself (a symlink's own), to the nanosecond; the access time stays. */
    public static void setModificationTime(Path path, Instant time) throws FileSystemException {
        long[] times = {0, UTIME_OMIT, time.getEpochSecond(), time.getNano()};
        call("utimensat", path, name -> FileMetadataLibC.utimensat(AT_FDCWD, name, times, AT_SYMLINK_NOFOLLOW));
    }

    /**
     * A symlink at {@code path} whose target is exactly {@code target} ({@link FileNames} form). The JDK's
     * {@code createSymbolicLink} takes a Path, which drops a trailing slash and doubled slashes.
     */
    public static void symlink(String target, Path path) throws FileSystemException {
        byte[] targetBytes = nulTerminated(FileNames.encode(target));
        call("symlink", path, name -> FileMetadataLibC.symlink(targetBytes, name));
    }

    /** The target of the symlink {@code path}, its bytes exactly ({@link FileNames} form). */
    public static String readSymbolicLink(Path path) throws FileSystemException {
        byte[] name = bytes(path);
        byte[] buffer = new byte[4096]; // PATH_MAX: no symlink holds more
        try {
            int length = (int) FileMetadataLibC.readlink(name, buffer, buffer.length);
            return FileNames.decode(buffer, 0, length);
        } catch (LastErrorException e) {
            throw failure(path, "readlink", e);
        }
    }

    /** One C call on a path's bytes; it returns -1 and sets errno on failure, which JNA throws. */
    private interface OnPath {
        int call(byte[] path) throws LastErrorException;
    }

    /** {@code call} on the bytes of {@code path}; a failure names the path, the call and the errno. */
    private static void call(String callName, Path path, OnPath call) throws FileSystemException {
        byte[] name = bytes(path);
        try {
            call.call(name);
        } catch (LastErrorException e) {
            throw failure(path, callName, e);
        }
    }

    /** The path's bytes exactly (never through the locale's character set), NUL-terminated for C. */
    private static byte[] bytes(Path path) {
        return nulTerminated(FileNames.bytes(path));
    }

    private static byte[] nulTerminated(byte[] text) {
        return java.util.Arrays.copyOf(text, text.length + 1);
    }

    private static FileSystemException failure(Path path, String call, LastErrorException e) {
        return new FileSystemException(path.toString(), null, call + ": " + Errno.describe(e.getErrorCode()));
    }
}
