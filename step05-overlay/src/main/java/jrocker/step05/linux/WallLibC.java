package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The C functions the walls need. Credentials go through syscall(2), not glibc's setuid(3) family: glibc
 * changes every thread of the process (with a signal to each), and only the thread that execs matters.
 */
final class WallLibC {
    static {
        Native.register("c");
    }

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    /** asm/unistd.h: x86-64, else aarch64 (the generic table). */
    static final long SYS_SETGROUPS = AARCH64 ? 159 : 116;
    static final long SYS_SETRESUID = AARCH64 ? 147 : 117;
    static final long SYS_SETRESGID = AARCH64 ? 149 : 119;
    static final long SYS_CAPSET = AARCH64 ? 91 : 126;

    static final int PR_SET_KEEPCAPS = 8;
    static final int PR_SET_SECCOMP = 22;
    static final int PR_CAPBSET_DROP = 24;
    static final int PR_SET_NO_NEW_PRIVS = 38;
    static final int PR_CAP_AMBIENT = 47;
    static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    static final int SECCOMP_MODE_FILTER = 2;
    static final int MFD_CLOEXEC = 1;

    private WallLibC() {
    }

    /** Load the class, which binds the functions (once). */
    static void bind() {
    }

    /** prctl(2); pointers are passed as addresses. */
    static native int prctl(int option, long second, long third, long fourth, long fifth) throws LastErrorException;

    /** memfd_create(2): an anonymous file, for libseccomp to write a program into ({@link SeccompFilter}). */
    static native int memfd_create(String name, int flags) throws LastErrorException;

    /** open(2). */
    static native int open(String path, int flags) throws LastErrorException;

    /** close(2). */
    static native int close(int fd);

    /** syscall(2) with three arguments; pointers as addresses. */
    static native long syscall(long number, long first, long second, long third) throws LastErrorException;
}
