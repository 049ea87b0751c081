package jrocker.step05.terminal;

import com.sun.jna.LastErrorException;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step04.linux.LinuxPivotRootSyscalls;

/** The real calls: step04's, plus the terminal's ({@link TerminalSyscalls}). */
public class LinuxTerminalSyscalls extends LinuxPivotRootSyscalls implements TerminalSyscalls {

    /**
     * Binds {@link TerminalLibC}'s functions. Not in a constructor: every jrocker command makes these calls'
     * object, and binding costs each of them tens of milliseconds it does not need.
     */
    @Override
    public void prepareTerminal() {
        trace(CallText.call("prepareTerminal"));
        TerminalLibC.bindNow();
    }

    /**
     * {@link TerminalSyscalls#attachTerminal}: make the pty slave at {@code slavePath} the caller's controlling
     * terminal and its stdin, stdout and stderr. Each failing call throws a {@link SyscallException} naming it.
     */
    // tag::attach-terminal[]
    @Override
    public void attachTerminal(String slavePath) {
        trace(CallText.call("attachTerminal", slavePath));
        // A new session has no controlling terminal: the next step may give it one. setsid(2) refuses a
        // process group leader; the init is not one (it was started in jrocker's group), unless a stage
        // made it one, as step01's TakeTerminal does with setpgid(0, 0).
        try {
            TerminalLibC.setsid(); // <1>
        } catch (LastErrorException e) {
            SyscallException failure = new SyscallException("setsid()", e.getErrorCode());
            throw e.getErrorCode() == Errno.EPERM
                    ? failure.because("the init leads a process group already: drop TakeTerminal when the container has its own pty")
                    : failure;
        }
        // No O_NOCTTY, and no O_CLOEXEC: the descriptor is dup2'ed onto 0, 1 and 2 and must survive exec there;
        // the original is closed below (and step01's closeOnExecAbove(2) would catch it anyway).
        int fd;
        try {
            fd = TerminalLibC.open(slavePath, TerminalLibC.O_RDWR); // <2>
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("open", slavePath, "O_RDWR"), e.getErrorCode());
        }
        // Opening a terminal without O_NOCTTY as a session leader without one already makes it the controlling
        // terminal on Linux; TIOCSCTTY says so explicitly, and fails loudly if it cannot be.
        try {
            TerminalLibC.ioctl(fd, TerminalLibC.TIOCSCTTY, 0); // <3>
        } catch (LastErrorException e) {
            throw new SyscallException(CallText.call("ioctl", slavePath, "TIOCSCTTY", 0), e.getErrorCode());
        }
        for (int stdio = 0; stdio <= 2; stdio++) {
            try {
                TerminalLibC.dup2(fd, stdio); // <4>
            } catch (LastErrorException e) {
                throw new SyscallException(CallText.call("dup2", slavePath, stdio), e.getErrorCode());
            }
        }
        // end::attach-terminal[]
        if (fd > 2) {
            try {
                TerminalLibC.close(fd);
            } catch (LastErrorException e) {
                throw new SyscallException(CallText.call("close", slavePath), e.getErrorCode());
            }
        }
    }

    /** Print {@code call} when {@code JROCKER_DEBUG} is set, like every other call jrocker makes. */
    static void debug(String call) {
        trace(call);
    }
}
