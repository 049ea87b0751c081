package jrocker.step01.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.File;
import java.util.List;

/**
 * The real system calls, through JNA. Each method makes one call and turns a failure into a
 * {@link SyscallException} that names the call. Set {@code JROCKER_DEBUG=1} to see every call on
 * stderr, in the order the kernel gets them.
 */
public class LinuxSyscalls implements Syscalls {
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    /** True when {@code JROCKER_DEBUG} is set: every call is printed before it is made. */
    protected static final boolean DEBUG = System.getenv("JROCKER_DEBUG") != null;

    /** Print {@code call} to stderr when debugging; subclasses call it for the calls they add. */
    protected static void trace(String call) {
        if (DEBUG) {
            System.err.println("jrocker: debug: " + call);
        }
    }

    @Override
    public void unshare(int cloneFlags) {
        trace(CallText.unshare(cloneFlags));
        try {
            LibC.unshare(cloneFlags);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.unshare(cloneFlags), e.getErrorCode());
        }
    }

    @Override
    public void sethostname(String hostname) {
        trace(CallText.sethostname(hostname));
        try {
            LibC.sethostname(hostname, hostname.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.sethostname(hostname), e.getErrorCode());
        }
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        String call = CallText.mount(source, target, fstype, flags, data);
        trace(call);
        try {
            LibC.mount(source, target, fstype, flags, data);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void umount2(String target, int flags) {
        trace(CallText.umount2(target, flags));
        try {
            LibC.umount2(target, flags);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.umount2(target, flags), e.getErrorCode());
        }
    }

    /** close_range(2) has the same number on x86-64 and aarch64; CLOSE_RANGE_CLOEXEC needs Linux 5.11. */
    private static final long SYS_CLOSE_RANGE = 436;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    @Override
    public void closeOnExecAbove(int lastKeptFd) {
        trace(CallText.closeOnExecAbove(lastKeptFd));
        try {
            // One call, no allocation: close_range(first, ~0U, CLOSE_RANGE_CLOEXEC).
            LibC.syscall(SYS_CLOSE_RANGE, lastKeptFd + 1, -1, CLOSE_RANGE_CLOEXEC);
            return;
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.ENOSYS && e.getErrorCode() != Errno.EINVAL) {
                throw new SyscallException(CallText.call("close_range", lastKeptFd + 1, "~0U", "CLOSE_RANGE_CLOEXEC"), e.getErrorCode());
            }
        }
        // Older kernels: /proc/self/fd lists the open descriptors; the one used to read the listing is closed again
        // by then, so fcntl on it fails with EBADF, which is fine.
        String[] fds = new File("/proc/self/fd").list();
        if (fds == null) {
            throw new SyscallException(CallText.call("opendir", "/proc/self/fd"), Errno.ENOENT);
        }
        for (String name : fds) {
            int fd = Integer.parseInt(name);
            if (fd <= lastKeptFd) {
                continue;
            }
            try {
                int flags = LibC.fcntl(fd, F_GETFD, 0);
                LibC.fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EBADF) {
                    throw new SyscallException(CallText.call("fcntl", fd, "F_SETFD", "FD_CLOEXEC"), e.getErrorCode());
                }
            }
        }
    }

    private static final int SIGTTOU = 22;

    @Override
    public void takeTerminal(int fd) {
        trace(CallText.takeTerminal(fd));
        try {
            LibC.setpgid(0, 0);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("setpgid", 0, 0), e.getErrorCode());
        }
        // A background group that calls tcsetpgrp gets SIGTTOU, which would stop it: ignore it for the
        // call, then restore the default (an ignored signal would stay ignored in the user's command).
        LibC.signal(SIGTTOU, Pointer.createConstant(1));
        try {
            LibC.tcsetpgrp(fd, LibC.getpgrp());
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("tcsetpgrp", fd, "getpgrp()"), e.getErrorCode());
        } finally {
            LibC.signal(SIGTTOU, null);
        }
    }

    @Override
    public PreparedExec prepareExec(String path, List<String> argv, List<String> env) {
        // StringArray copies the strings to native memory and ends the array with the NULL execve wants.
        return new NativeExec(path, List.copyOf(argv),
                new StringArray(argv.toArray(new String[0])), new StringArray(env.toArray(new String[0])));
    }

    @Override
    public void execve(PreparedExec exec) {
        NativeExec prepared = (NativeExec) exec;
        trace(CallText.execve(prepared.path(), prepared.argv()));
        try {
            LibC.execve(prepared.path(), prepared.nativeArgv(), prepared.nativeEnv());
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.execve(prepared.path(), prepared.argv()), e.getErrorCode());
        }
    }

    // tag::geteuid[]
    /**
     * The effective user ID as the kernel shows it in {@code /proc/self/status} ({@code Uid:} real, effective,
     * saved, file system). Reading a file instead of calling libc: a command that only checks for root (such as
     * step05's {@code run}, whose namespaces busybox makes) then loads no JNA at all. libc's answer only where
     * there is no such /proc.
     */
    @Override
    public int geteuid() {
        try {
            java.util.OptionalInt fromProc = effectiveUid(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")));
            if (fromProc.isPresent()) {
                return fromProc.getAsInt();
            }
        } catch (java.io.IOException e) {
            // no /proc (or not Linux's): ask libc
        }
        return LibC.geteuid();
    }

    /** The second number of the {@code Uid:} line of a /proc/PID/status text; empty without a readable one. */
    static java.util.OptionalInt effectiveUid(java.util.List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring("Uid:".length()).trim().split("\\s+");
                try {
                    return ids.length > 1 ? java.util.OptionalInt.of(Integer.parseInt(ids[1])) : java.util.OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return java.util.OptionalInt.empty();
                }
            }
        }
        return java.util.OptionalInt.empty();
    }
    // end::geteuid[]

    @Override
    public void loadLibc() {
        LibC.getpgrp(); // binds libc on first use; getpgrp(2) cannot fail and changes nothing
    }

    @Override
    public boolean isatty(int fd) {
        return LibC.isatty(fd) == 1;
    }

    private record NativeExec(String path, List<String> argv, StringArray nativeArgv, StringArray nativeEnv)
            implements PreparedExec {
    }
}
