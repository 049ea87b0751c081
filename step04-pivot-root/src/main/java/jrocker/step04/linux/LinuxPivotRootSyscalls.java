package jrocker.step04.linux;

import com.sun.jna.LastErrorException;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step03.linux.LinuxRootfsSyscalls;

/** The real calls: step03's, plus pivot_root, mknod, mkdir, rmdir and symlink. */
public class LinuxPivotRootSyscalls extends LinuxRootfsSyscalls implements PivotRootSyscalls {
    /** SYS_pivot_root: 155 on x86-64, 41 on aarch64 (asm/unistd.h). */
    static final long SYS_PIVOT_ROOT = "aarch64".equals(System.getProperty("os.arch")) ? 41 : 155;
    private static final int S_IFCHR = 0020000;

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        String call = CallText.call("pivot_root", newRoot, putOld);
        trace(call);
        try {
            PivotRootLibC.syscall(SYS_PIVOT_ROOT, newRoot, putOld);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void mknodCharDevice(String path, int mode, int major, int minor) {
        String call = CallText.call("mknod", path, "S_IFCHR|0" + Integer.toOctalString(mode), major + ":" + minor);
        trace(call);
        try {
            PivotRootLibC.mknod(path, S_IFCHR | mode, makedev(major, minor));
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
        try {
            PivotRootLibC.chmod(path, mode);
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("chmod", path, "0" + Integer.toOctalString(mode)), e.getErrorCode());
        }
    }

    /** glibc's makedev(3): the device number encoding of a 64-bit dev_t. */
    static long makedev(int major, int minor) {
        // tag::exercise-makedev[]
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0x00000fffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0x000000ffL);
        // end::exercise-makedev[]
    }

    @Override
    public void mkdir(String path, int mode) {
        String call = CallText.call("mkdir", path, "0" + Integer.toOctalString(mode));
        trace(call);
        try {
            PivotRootLibC.mkdir(path, mode);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.EEXIST) {
                throw new SyscallException(call, e.getErrorCode());
            }
        }
    }

    @Override
    public void rmdir(String path) {
        String call = CallText.call("rmdir", path);
        trace(call);
        try {
            PivotRootLibC.rmdir(path);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void symlink(String target, String linkPath) {
        String call = CallText.call("symlink", target, linkPath);
        trace(call);
        try {
            PivotRootLibC.symlink(target, linkPath);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }
}
