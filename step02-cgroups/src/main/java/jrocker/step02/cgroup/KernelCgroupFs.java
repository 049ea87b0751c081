package jrocker.step02.cgroup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;

/**
 * {@link CgroupFs} on the real cgroup file systems, with plain java.nio: no native call is needed.
 *
 * <p>The one difficulty is the error. Java turns a failed open(2) into a typed exception
 * ({@link NoSuchFileException} for ENOENT, ...) but a failed write(2) into an {@link IOException} whose
 * message is only the C library's text, e.g. "Device or resource busy". The kernel's answer is the most
 * useful thing a cgroup error can tell (EBUSY: lowering memory.limit_in_bytes below what is in use; ENOSPC:
 * a v1 cpuset without mems; EINVAL: a value out of range), so we map the text back to its errno.
 */
final class KernelCgroupFs implements CgroupFs {
    /** strerror text → errno, built from {@link Errno#describe} ("EBUSY (Device or resource busy)"). */
    private static final Map<String, Integer> ERRNO_BY_TEXT = new HashMap<>();

    static {
        for (int errno : new int[] {Errno.EPERM, Errno.ENOENT, Errno.EINTR, Errno.ENOEXEC, Errno.EBADF,
                Errno.ENOMEM, Errno.EACCES, Errno.EBUSY, Errno.EEXIST, Errno.ENOTDIR, Errno.EISDIR,
                Errno.EINVAL, Errno.ENOSPC, Errno.ENOSYS, Errno.ELOOP}) {
            String described = Errno.describe(errno);
            ERRNO_BY_TEXT.put(described.substring(described.indexOf('(') + 1, described.length() - 1), errno);
        }
    }

    @Override
    public void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw failure("mkdir " + dir, e);
        }
    }

    @Override
    public void rmdir(Path dir) {
        try {
            // Files.delete calls rmdir(2) for a directory, never unlink(2): exactly what cgroupfs needs.
            Files.delete(dir);
        } catch (IOException e) {
            throw failure("rmdir " + dir, e);
        }
    }

    @Override
    public void write(Path file, String value) {
        // No CREATE: a control file that does not exist is an error (ENOENT), never a new regular file.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
            int written = channel.write(bytes);
            if (bytes.hasRemaining()) {
                throw new CgroupException("write " + value + " to " + file + " was cut short after " + written + " bytes");
            }
        } catch (IOException e) {
            throw failure("write " + value + " to " + file, e);
        }
    }

    @Override
    public String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw failure("read " + file, e);
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    /** The exception for {@code call} failing with {@code e}: with the errno when we can tell which. */
    static RuntimeException failure(String call, IOException e) {
        Integer errno;
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            errno = Errno.EEXIST;
        } else if (e instanceof AccessDeniedException) {
            errno = Errno.EACCES;
        } else if (e instanceof DirectoryNotEmptyException) {
            // Not on cgroupfs (a cgroup with children gives EBUSY), but on an ordinary directory.
            return new CgroupException(call + " failed: the directory is not empty", e);
        } else {
            String text = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
            errno = ERRNO_BY_TEXT.get(text);
            if (errno == null) {
                return new CgroupException(call + " failed: " + text, e);
            }
        }
        SyscallException exception = new SyscallException(call, errno);
        exception.initCause(e);
        return exception;
    }
}
