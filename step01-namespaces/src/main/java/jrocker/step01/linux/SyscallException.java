package jrocker.step01.linux;

/**
 * A system call failed. The message names the call, its arguments and the errno, for example
 * {@code mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC) failed: EPERM (Operation not permitted)},
 * because "Operation not permitted" alone tells nobody which of twenty calls went wrong.
 */
public class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String call;

    public SyscallException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
        this.call = call;
    }

    private SyscallException(String call, int errno, String why) {
        super(call + " failed (" + why + "): " + Errno.describe(errno));
        this.errno = errno;
        this.call = call;
    }

    /** The same failure, with the likely reason in the message: {@code call failed (why): ERRNO}. */
    public SyscallException because(String why) {
        return new SyscallException(call, errno, why);
    }

    /** The C library's errno value, e.g. {@link Errno#EPERM}. */
    public int errno() {
        return errno;
    }
}
