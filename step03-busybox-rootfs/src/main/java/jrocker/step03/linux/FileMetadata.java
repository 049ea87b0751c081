package jrocker.step03.linux;

import com.sun.jna.LastErrorException;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import jrocker.step01.linux.Errno;

/**
 * A file's owner, mode and modification time, set with one system call each (see {@link FileMetadataLibC}).
 * A failure is a {@link FileSystemException} naming the path and the errno, like the JDK's own.
 */
public final class FileMetadata {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** tv_nsec value that leaves a time as it is. */
    private static final long UTIME_OMIT = (1L << 30) - 2L;
    /** How the JDK turns path strings into file name bytes. */
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private FileMetadata() {
    }

    /** Owner and group of {@code path} itself, never of what a symlink points to: lchown(2). */
    public static void lchown(Path path, int uid, int gid) throws FileSystemException {
        byte[] name = bytes(path);
        try {
            FileMetadataLibC.lchown(name, uid, gid);
        } catch (LastErrorException e) {
            throw failure(path, "lchown", e);
        }
    }

    /** The mode of a file or directory (not a symlink: chmod(2) follows it). */
    public static void chmod(Path path, int mode) throws FileSystemException {
        byte[] name = bytes(path);
        try {
            FileMetadataLibC.chmod(name, mode);
        } catch (LastErrorException e) {
            throw failure(path, "chmod", e);
        }
    }

    /** The modification time of {@code path} itself (a symlink's own), to the nanosecond; the access time stays. */
    public static void setModificationTime(Path path, Instant time) throws FileSystemException {
        byte[] name = bytes(path);
        long[] times = {0, UTIME_OMIT, time.getEpochSecond(), time.getNano()};
        try {
            FileMetadataLibC.utimensat(AT_FDCWD, name, times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw failure(path, "utimensat", e);
        }
    }

    private static byte[] bytes(Path path) {
        byte[] text = path.toString().getBytes(FILE_NAMES);
        byte[] name = new byte[text.length + 1]; // the trailing NUL
        System.arraycopy(text, 0, name, 0, text.length);
        return name;
    }

    private static FileSystemException failure(Path path, String call, LastErrorException e) {
        return new FileSystemException(path.toString(), null, call + ": " + Errno.describe(e.getErrorCode()));
    }
}
