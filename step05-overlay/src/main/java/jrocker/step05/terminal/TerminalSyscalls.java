package jrocker.step05.terminal;

import jrocker.step01.linux.Syscalls;

/**
 * The one call the container's init needs for a terminal of its own: {@link #attachTerminal}. It extends
 * step01's {@link Syscalls} so that a stage can declare it as its type ({@link AttachTerminal}); the real
 * implementation is {@link LinuxTerminalSyscalls}, the test double {@link RecordingTerminalSyscalls}.
 */
public interface TerminalSyscalls extends Syscalls {

    /**
     * Give the calling process the pty slave at {@code slavePath} as its controlling terminal and as its
     * stdin, stdout and stderr: setsid(), open(slavePath, O_RDWR), ioctl(TIOCSCTTY), dup2 onto 0, 1 and 2.
     * The caller must not lead a process group (setsid(2) refuses a group leader with EPERM).
     */
    void attachTerminal(String slavePath);
}
