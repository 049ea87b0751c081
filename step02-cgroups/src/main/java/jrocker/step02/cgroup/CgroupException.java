package jrocker.step02.cgroup;

/**
 * Creating, using or removing a cgroup failed for a reason that is not a single failed system call
 * (those throw {@link jrocker.step01.linux.SyscallException} with the errno): a controller that is not
 * available, a cgroup that already exists, a kernel message we cannot map to an errno. The message is
 * one line a user can act on.
 */
public class CgroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
