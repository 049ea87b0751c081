package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import jrocker.step01.linux.SyscallException;

/**
 * An open directory ({@code O_PATH}), named by a short path: {@code /proc/self/fd/N}. A Unix socket's path may
 * have at most 107 bytes (the size of {@code sun_path}), and a container's directory under a long data root
 * leaves no room for a socket's name; {@code /proc/self/fd/N/attach.sock} always fits, and the kernel follows it
 * into the directory as it would the long path.
 */
public final class DirectoryHandle implements AutoCloseable {
    private static final int O_PATH = 010000000;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_CLOEXEC = 02000000;

    private final int fd;

    private DirectoryHandle(int fd) {
        this.fd = fd;
    }

    public static DirectoryHandle open(Path directory) {
        try {
            return new DirectoryHandle(LifecycleLibC.open(directory.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        } catch (LastErrorException e) {
            throw new SyscallException("open(" + directory + ", O_PATH|O_DIRECTORY)", e.getErrorCode());
        }
    }

    /** {@code name} in the directory, by the short path (valid while this handle is open). */
    public Path resolve(String name) {
        return Path.of("/proc/self/fd/" + fd, name);
    }

    @Override
    public void close() {
        try {
            LifecycleLibC.close(fd);
        } catch (LastErrorException e) {
            // closed: nothing to undo
        }
    }
}
