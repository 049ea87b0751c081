package jrocker.step03.linux;

import com.sun.jna.LastErrorException;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.SyscallException;

/** The real calls: step01's, plus chroot and chdir. */
public class LinuxRootfsSyscalls extends LinuxSyscalls implements RootfsSyscalls {

    @Override
    public void chroot(String path) {
        String call = CallText.call("chroot", path);
        trace(call);
        try {
            RootfsLibC.chroot(path);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    @Override
    public void chdir(String path) {
        String call = CallText.call("chdir", path);
        trace(call);
        try {
            RootfsLibC.chdir(path);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }
}
