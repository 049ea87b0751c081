package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.walls.LinuxWallSyscalls;

/** The real calls: step04's, the terminal's, the walls', plus setns and kill. */
public class LinuxLifecycleSyscalls extends LinuxWallSyscalls implements LifecycleSyscalls {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

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
