package jrocker.step05.terminal;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.LinuxTerminalSyscalls;
import jrocker.step05.linux.TerminalSyscalls;
import jrocker.step05.linux.WindowSize;

/**
 * The master side of a new pseudo-terminal (pty), held by jrocker on the host.
 *
 * <p><b>What a pty is.</b> A terminal used to be a device at the end of a serial line; the kernel's terminal
 * driver sits in between and does what programs expect of a terminal: it echoes what you type, lets you edit
 * a line before the program sees it, turns Ctrl-C into SIGINT for the foreground process group, and knows
 * the window size. A pty is such a terminal with a program instead of a device at the far end. It comes as a
 * pair: the <em>slave</em>, {@code /dev/pts/N}, is the terminal the container's shell runs on; the
 * <em>master</em> is the far end, held by the program that plays the screen and the keyboard (a terminal
 * emulator, sshd, or here jrocker). Bytes written to the master arrive as typed input at the slave; what the
 * shell writes to the slave can be read from the master.
 *
 * <p><b>Why from the container's devpts.</b> Opening a {@code ptmx} creates a new pair, in the devpts file
 * system instance that {@code ptmx} belongs to. The container has its own instance on its /dev/pts (step04
 * mounts devpts with {@code newinstance}), and sees only the ptys of that one. A pty created through the
 * host's /dev/ptmx would exist only in the host's /dev/pts: inside, {@code tty} could name no device and a
 * program could not reopen its own terminal. So jrocker opens the container's ptmx, from the host, through
 * {@code /proc/PID/root}, which leads into the root (and mount namespace) of the container's init:
 * {@link #openFirstInContainer}.
 *
 * <p>The master is opened non-blocking and read and written through poll(2) ({@link PolledFd}), so that the
 * relay's threads can be stopped at any time. Reading it returns the end of the stream (EIO from the kernel)
 * once every process has closed the slave: that is how a relay learns that the container's side is gone.
 */
public final class PtyMaster implements AutoCloseable {
    /**
     * The slave {@code run -t} names in its plan, before the pty exists: the first pty of a fresh devpts
     * instance is number 0, and the container's init creates none itself before jrocker does.
     */
    public static final String FIRST_SLAVE = "/dev/pts/0";

    private final Path ptmx;
    private final PolledFd fd;
    private final int index;

    private PtyMaster(Path ptmx, PolledFd fd, int index) {
        this.ptmx = ptmx;
        this.fd = fd;
        this.index = index;
    }

    /** {@link #open(TerminalSyscalls, Path)} with the real calls. */
    public static PtyMaster open(Path ptmx) {
        return open(new LinuxTerminalSyscalls(), ptmx);
    }

    // tag::open[]
    /**
     * Create a new pty through {@code ptmx} (e.g. {@code /dev/ptmx}, or the container's: see
     * {@link #openFirstInContainer}) and unlock its slave, which can then be opened by path.
     */
    public static PtyMaster open(TerminalSyscalls syscalls, Path ptmx) {
        // O_NOCTTY: jrocker must never get the container's terminal as its own controlling terminal.
        // O_CLOEXEC: no process jrocker starts inherits it (the relay alone speaks for the container's screen).
        // O_NONBLOCK: reads and writes wait in poll(2), so the relay can stop them (see PolledFd).
        int master = syscalls.openTerminal(ptmx.toString());
        try {
            // A new slave is locked: nobody can open it until its master says so, so that the master's owner
            // can set it up first (ownership, mode, size) without anyone else getting in.
            syscalls.unlockPty(master);
            // Which N the slave is: /dev/pts/N. Only a pty master answers this, so it also proves that ptmx
            // really was a pty multiplexer (ENOTTY otherwise).
            int number = syscalls.ptyNumber(master);
            return new PtyMaster(ptmx, PolledFd.own(syscalls, master, ptmx.toString()), number);
        } catch (RuntimeException e) {
            syscalls.closeFd(master);
            throw e;
        }
    }
    // end::open[]

    /** The container's ptmx, as the host reaches it: {@code /proc/PID/root/dev/pts/ptmx}. */
    public static Path containerPtmx(long initPid) {
        return Path.of("/proc", Long.toString(initPid), "root", "dev", "pts", "ptmx");
    }

    /**
     * {@code run -t}, between Ready and Go: create the container's pty in its own devpts (where the init has
     * mounted it before Ready) and check that it is {@link #FIRST_SLAVE}, the slave the plan names.
     */
    public static PtyMaster openFirstInContainer(long initPid) {
        return openFirstInContainer(new LinuxTerminalSyscalls(), initPid);
    }

    /** {@link #openFirstInContainer(long)} with {@code syscalls}. */
    public static PtyMaster openFirstInContainer(TerminalSyscalls syscalls, long initPid) {
        PtyMaster master = open(syscalls, containerPtmx(initPid));
        if (!master.slavePath().equals(FIRST_SLAVE)) {
            master.close();
            throw new IllegalStateException("the container's first pty is " + master.slavePath() + ", not " + FIRST_SLAVE
                    + ": is its /dev/pts a fresh devpts instance (newinstance)?");
        }
        return master;
    }

    /** The system calls this master is read, written, resized and closed with. */
    TerminalSyscalls syscalls() {
        return fd.syscalls();
    }

    /** The slave's path where its devpts is mounted on /dev/pts: in the container, for the container's ptys. */
    public String slavePath() {
        return "/dev/pts/" + index;
    }

    /** What the container's command writes; -1 (end of stream) once every process has closed the slave. */
    public InputStream input() {
        return fd.inputStream();
    }

    /** What the container's command reads, as if typed. Closing either stream closes the master, as with a socket. */
    public OutputStream output() {
        return fd.outputStream();
    }

    // tag::resize[]
    /**
     * Set the pty's window size. Set on the master, it is the size the slave reports; the kernel sends SIGWINCH
     * to the slave's foreground process group, so the program there redraws at the new size.
     */
    public void resize(WindowSize size) {
        fd.call(CallText.call("ioctl", ptmx, "TIOCSWINSZ", size), (syscalls, masterFd) -> {
            syscalls.setWindowSize(masterFd, size);
            return null;
        });
    }
    // end::resize[]

    /** {@link #resize(WindowSize)} to {@code rows} by {@code columns}. */
    public void resize(int rows, int columns) {
        resize(new WindowSize(rows, columns));
    }

    /**
     * Open this pty's slave here, on the host, without making it a controlling terminal. The relay holds it
     * while the container runs and closes it after: the master's stream then ends once everything the container
     * wrote has been read, even if the container's command never opened its own side.
     *
     * <p>TIOCGPTPEER (Linux 4.13) opens the slave of this very master, without looking up a path; older
     * kernels open it by path, in the devpts next to {@code ptmx}.
     */
    public PtySlave openSlave() {
        int slave;
        try {
            slave = fd.call(CallText.call("ioctl", ptmx, "TIOCGPTPEER"), TerminalSyscalls::openPtyPeer);
        } catch (SyscallException e) {
            if (e.errno() != TerminalSyscalls.ENOTTY && e.errno() != Errno.EINVAL) {
                throw e;
            }
            return PtySlave.open(fd.syscalls(), slaveBeside(ptmx, index));
        }
        return new PtySlave(PolledFd.own(fd.syscalls(), slave, slaveBeside(ptmx, index).toString()));
    }

    /**
     * Where slave N is on this machine: next to {@code ptmx} when it is devpts' own ({@code .../pts/ptmx}),
     * else in the {@code pts} directory beside it (the /dev/ptmx device node serves the devpts on /dev/pts).
     */
    static Path slaveBeside(Path ptmx, int index) {
        Path directory = ptmx.getParent();
        Path pts = directory.getFileName() != null && directory.getFileName().toString().equals("pts")
                ? directory : directory.resolve("pts");
        return pts.resolve(Integer.toString(index));
    }

    /** Close the master: the slave side gets a hangup, and reads and writes made through here end. Idempotent. */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "pty master of " + slavePath() + " (" + ptmx + ")";
    }
}
