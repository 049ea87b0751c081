package jrocker.step05.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * The functions of libseccomp (Debian package {@code libseccomp2}, the library runc and crun use) that build a
 * filter and write it out as a BPF program. libseccomp knows every architecture's system call numbers, and
 * turns a list of rules into a program that finds a call quickly (a binary search, not a long list of tests).
 *
 * <p>Bound with JNA's direct mapping ({@code native} methods), which calls hundreds of times faster than an
 * interface proxy: a filter takes hundreds of calls, on every container start.
 */
final class SeccompLibrary {
    /** The unversioned name exists only with libseccomp-dev (a symlink); the runtime package has .so.2. */
    private static final String[] NAMES = {"seccomp", "libseccomp.so.2"};
    private static boolean bound;

    private SeccompLibrary() {
    }

    /** Bind the functions below, once. */
    static synchronized void load() {
        if (bound) {
            return;
        }
        UnsatisfiedLinkError failure = null;
        for (String name : NAMES) {
            try {
                Native.register(SeccompLibrary.class, NativeLibrary.getInstance(name));
                bound = true;
                return;
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
        }
        throw new SeccompUnavailableException("cannot build the container's seccomp filter: libseccomp"
                + " (libseccomp.so.2) cannot be loaded; install it (Debian/Ubuntu: apt-get install libseccomp2),"
                + " or run with --security-opt seccomp=unconfined", failure);
    }

    /** "2.5.4", or empty when the library cannot be loaded ({@code doctor}). */
    static Optional<String> version() {
        try {
            load();
        } catch (SeccompUnavailableException e) {
            return Optional.empty();
        }
        Pointer version = seccomp_version();
        return Optional.of(version.getInt(0) + "." + version.getInt(4) + "." + version.getInt(8));
    }

    /** seccomp_init(default action): a new filter context for this machine's architecture; NULL on failure. */
    static native Pointer seccomp_init(int defaultAction);

    /** seccomp_release(ctx). */
    static native void seccomp_release(Pointer context);

    /** The number of system call {@code name} on this architecture; __NR_SCMP_ERROR (-1) if it has none. */
    static native int seccomp_syscall_resolve_name(String name);

    /**
     * seccomp_rule_add_array(ctx, action, syscall, count, struct scmp_arg_cmp[count]): {@code action} for
     * {@code syscall} when all conditions hold. 0, or a negative errno.
     */
    static native int seccomp_rule_add_array(Pointer context, int action, int syscall, int conditionCount, Pointer conditions);

    /** seccomp_export_bpf(ctx, fd): write the BPF program to {@code fd}. 0, or a negative errno. */
    static native int seccomp_export_bpf(Pointer context, int fd);

    /** seccomp_version(): a pointer to {unsigned int major, minor, micro}. */
    static native Pointer seccomp_version();

    /** libseccomp cannot be loaded. */
    static final class SeccompUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SeccompUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
