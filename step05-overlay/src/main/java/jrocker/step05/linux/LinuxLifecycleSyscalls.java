package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.SyscallException;

/** The real calls: step04's, the terminal's, the walls', plus the extended attributes of overlayfs, setns, kill and pidfds. */
public class LinuxLifecycleSyscalls extends LinuxWallSyscalls implements LifecycleSyscalls {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    /** The largest attribute value jrocker reads; overlayfs' markers are one byte ("y"). */
    private static final int XATTR_VALUE_BYTES = 256;

    @Override
    public void setXattr(String path, String name, byte[] value) {
        String call = CallText.call("lsetxattr", path, name, new String(value, StandardCharsets.ISO_8859_1));
        trace(call);
        try {
            XattrLibC.lsetxattr(path, name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public Optional<byte[]> getXattr(String path, String name) {
        byte[] value = new byte[XATTR_VALUE_BYTES];
        try {
            long length = XattrLibC.lgetxattr(path, name, value, value.length);
            return Optional.of(Arrays.copyOf(value, (int) length));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == XattrLibC.ENODATA) {
                return Optional.empty();
            }
            throw new SyscallException(CallText.call("lgetxattr", path, name), e.getErrorCode());
        }
    }

    @Override
    public void joinNamespace(String namespaceFile) {
        String call = CallText.call("setns", "open(" + namespaceFile + ")", 0);
        trace(call);
        int fd;
        try {
            fd = LifecycleLibC.open(namespaceFile, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("open", namespaceFile, "O_RDONLY|O_CLOEXEC"), e.getErrorCode());
        }
        try {
            LifecycleLibC.setns(fd, 0);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        } finally {
            LifecycleLibC.close(fd);
        }
    }

    /** The same number on x86-64 and aarch64: system calls added since Linux 5.1 share one numbering. */
    static final long SYS_PIDFD_SEND_SIGNAL = 424;
    static final long SYS_PIDFD_OPEN = 434;

    @Override
    public OptionalInt pidfdOpen(long pid) {
        String call = CallText.call("pidfd_open", pid, 0);
        trace(call);
        try {
            return OptionalInt.of((int) LifecycleLibC.syscall(SYS_PIDFD_OPEN, Math.toIntExact(pid), 0));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENOSYS) {
                return OptionalInt.empty();
            }
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) {
        String call = CallText.call("pidfd_send_signal", pidfd, signal, "NULL", 0);
        trace(call);
        try {
            LifecycleLibC.syscall(SYS_PIDFD_SEND_SIGNAL, pidfd, signal, null, 0);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void kill(long pid, int signal) {
        String call = CallText.call("kill", pid, signal);
        trace(call);
        try {
            LifecycleLibC.kill(Math.toIntExact(pid), signal);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }
}
