package jrocker.step05.terminal;

import jrocker.step01.linux.Syscalls;

/**
 * The call the container's init needs for a terminal of its own, {@link #attachTerminal}, and its preparation,
 * {@link #prepareTerminal}. It extends
 * step01's {@link Syscalls} so that a stage can declare it as its type ({@link AttachTerminal}); the real
 * implementation is {@link LinuxTerminalSyscalls}, the test double {@code RecordingTerminalSyscalls} (in the tests).
 */
public interface TerminalSyscalls extends Syscalls {

    /**
     * Load and bind the C functions {@link #attachTerminal} calls. The init attaches its terminal after Go,
     * when it may already be in a cgroup with tiny memory and pids limits (step02): {@link AttachTerminal}
     * calls this before Ready. Only an init with a terminal ({@code -t}) pays for it.
     */
    void prepareTerminal();

    /**
     * Give the calling process the pty slave at {@code slavePath} as its controlling terminal and as its
     * stdin, stdout and stderr: setsid(), open(slavePath, O_RDWR), ioctl(TIOCSCTTY), dup2 onto 0, 1 and 2.
     * The caller must not lead a process group (setsid(2) refuses a group leader with EPERM).
     */
    void attachTerminal(String slavePath);
}
