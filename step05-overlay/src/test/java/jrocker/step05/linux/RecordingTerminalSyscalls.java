package jrocker.step05.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step04.linux.RecordingPivotRootSyscalls;

/**
 * The test double of step04, plus the terminal's calls, spelled as the real ones trace them. It also plays, in
 * memory, what those calls reach: ptys (a master and its slave, with the bytes in each direction), and the
 * user's terminal on descriptors 0 and 1 (its settings and its size), so that the relay's logic can be tested
 * without a real terminal: raw mode set and restored, sizes copied, the end of the output when the last slave
 * closes.
 *
 * <p>Opening a path ending in {@code ptmx} creates pty 0, then 1, ... ({@link #nextPtyNumber}); a path ending in
 * {@code pts/N} opens pty N's slave once it is unlocked (EIO before, as the kernel does); anything else opens a
 * file that is no terminal. The test plays the container's side with {@link #pty}. The recorded calls are the
 * ones that change something (open, the ioctls, tcsetattr, close), not reads, writes, polls and queries.
 */
public class RecordingTerminalSyscalls extends RecordingPivotRootSyscalls implements TerminalSyscalls {
    private static final Pattern SLAVE = Pattern.compile(".*/pts/([0-9]+)");
    private static final byte[] COOKED = "cooked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RAW = "raw".getBytes(StandardCharsets.US_ASCII);

    private final Map<Integer, Endpoint> open = new HashMap<>();
    private final Map<Integer, Pty> ptys = new HashMap<>();
    private final Map<Integer, UserTerminal> userTerminals = new HashMap<>();
    private int nextFd = 10;
    private int nextPty;
    private boolean ptyPeer = true;

    /** What a descriptor leads to: a pty's master or slave, or a file that is no terminal. */
    private record Endpoint(String name, Pty pty, boolean master) {
    }

    /** A pty: bytes typed at the master for the slave, bytes written on the slave for the master, and its size. */
    public final class Pty {
        private final int number;
        private final ByteArrayOutputStream typed = new ByteArrayOutputStream();
        private final ByteArrayOutputStream toSlave = new ByteArrayOutputStream();
        private final ByteArrayOutputStream toMaster = new ByteArrayOutputStream();
        private boolean locked = true;
        private boolean masterOpen = true;
        private int slavesOpen;
        private boolean slaveWasOpened;
        private WindowSize size = new WindowSize(0, 0);

        private Pty(int number) {
            this.number = number;
        }

        /** The container's command opens its side (its init's attachTerminal). */
        public void containerOpens() {
            synchronized (RecordingTerminalSyscalls.this) {
                slavesOpen++;
                slaveWasOpened = true;
            }
        }

        /** The container's command writes {@code text} to its terminal. */
        public void containerWrites(String text) {
            synchronized (RecordingTerminalSyscalls.this) {
                toMaster.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                RecordingTerminalSyscalls.this.notifyAll();
            }
        }

        /** The container's command exits: its side closes. */
        public void containerCloses() {
            synchronized (RecordingTerminalSyscalls.this) {
                slavesOpen--;
                RecordingTerminalSyscalls.this.notifyAll();
            }
        }

        /** Everything written to the master so far: what the container's command got as typed. */
        public String typed() {
            synchronized (RecordingTerminalSyscalls.this) {
                return typed.toString(StandardCharsets.UTF_8);
            }
        }

        /** The size last set on the master (0x0 until then). */
        public WindowSize size() {
            synchronized (RecordingTerminalSyscalls.this) {
                return size;
            }
        }

        /** True while somebody holds the master open. */
        public boolean masterOpen() {
            synchronized (RecordingTerminalSyscalls.this) {
                return masterOpen;
            }
        }

        /** How many slave descriptors are open, the container's and jrocker's together. */
        public int slavesOpen() {
            synchronized (RecordingTerminalSyscalls.this) {
                return slavesOpen;
            }
        }
    }

    /** The user's terminal on one of jrocker's descriptors: its settings, its size, and keys typed on stdin. */
    private static final class UserTerminal {
        private byte[] settings = COOKED;
        private WindowSize size;
        private final ByteArrayOutputStream keys = new ByteArrayOutputStream();

        UserTerminal(WindowSize size) {
            this.size = size;
        }
    }

    /** Make descriptor {@code fd} (0 or 1) a terminal of {@code size}, in cooked mode. */
    public synchronized RecordingTerminalSyscalls userTerminal(int fd, WindowSize size) {
        userTerminals.put(fd, new UserTerminal(size));
        return this;
    }

    /** The user resizes the window of the terminal on {@code fd}. */
    public synchronized void resizeUserTerminal(int fd, WindowSize size) {
        userTerminals.get(fd).size = size;
    }

    /** The user types {@code keys} on the terminal on descriptor 0. */
    public synchronized void type(String keys) {
        userTerminals.get(0).keys.writeBytes(keys.getBytes(StandardCharsets.UTF_8));
        notifyAll();
    }

    /** "raw" or "cooked": the settings of the user's terminal on {@code fd} now. */
    public synchronized String settingsOf(int fd) {
        return new String(userTerminals.get(fd).settings, StandardCharsets.US_ASCII);
    }

    /** The number the next pty gets (0 at first, as in a fresh devpts). */
    public synchronized RecordingTerminalSyscalls nextPtyNumber(int number) {
        nextPty = number;
        return this;
    }

    /** A kernel older than 4.13: TIOCGPTPEER fails with ENOTTY, so a slave is opened by its path. */
    public synchronized RecordingTerminalSyscalls withoutPtyPeer() {
        ptyPeer = false;
        return this;
    }

    /** Pty {@code number}, for the test to play the container's side. */
    public synchronized Pty pty(int number) {
        return ptys.get(number);
    }

    /** How many descriptors opened here are still open. */
    public synchronized int openDescriptors() {
        return open.size();
    }

    @Override
    protected synchronized void record(String call) {
        super.record(call);
    }

    @Override
    public synchronized List<String> calls() {
        return new ArrayList<>(super.calls());
    }

    @Override
    public void prepareTerminal() {
        record(CallText.call("prepareTerminal"));
    }

    @Override
    public void attachTerminal(String slavePath) {
        record(CallText.call("attachTerminal", slavePath));
    }

    @Override
    public synchronized int openTerminal(String path) {
        record(CallText.call("open", path, "O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK"));
        Endpoint endpoint;
        Matcher slave = SLAVE.matcher(path);
        if (path.endsWith("ptmx")) {
            Pty pty = new Pty(nextPty++);
            ptys.put(pty.number, pty);
            endpoint = new Endpoint(path, pty, true);
        } else if (slave.matches() && ptys.containsKey(Integer.parseInt(slave.group(1)))) {
            Pty pty = ptys.get(Integer.parseInt(slave.group(1)));
            if (pty.locked) {
                throw new SyscallException(CallText.call("open", path, "O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK"), TerminalSyscalls.EIO);
            }
            pty.slavesOpen++;
            pty.slaveWasOpened = true;
            endpoint = new Endpoint(path, pty, false);
        } else {
            endpoint = new Endpoint(path, null, false);
        }
        int fd = nextFd++;
        open.put(fd, endpoint);
        return fd;
    }

    @Override
    public synchronized void unlockPty(int masterFd) {
        record(CallText.call("ioctl", nameOf(masterFd), "TIOCSPTLCK", 0));
        master(masterFd, "TIOCSPTLCK").locked = false;
    }

    @Override
    public synchronized int ptyNumber(int masterFd) {
        record(CallText.call("ioctl", nameOf(masterFd), "TIOCGPTN", "&n"));
        return master(masterFd, "TIOCGPTN").number;
    }

    @Override
    public synchronized int openPtyPeer(int masterFd) {
        String call = CallText.call("ioctl", nameOf(masterFd), "TIOCGPTPEER", "O_RDWR|O_NOCTTY|O_CLOEXEC");
        record(call);
        if (!ptyPeer) {
            throw new SyscallException(call, TerminalSyscalls.ENOTTY);
        }
        Pty pty = master(masterFd, "TIOCGPTPEER");
        pty.slavesOpen++;
        pty.slaveWasOpened = true;
        int fd = nextFd++;
        open.put(fd, new Endpoint("peer of " + nameOf(masterFd), pty, false));
        return fd;
    }

    @Override
    public synchronized Optional<WindowSize> windowSize(int fd) {
        if (userTerminals.containsKey(fd)) {
            return Optional.of(userTerminals.get(fd).size);
        }
        Endpoint endpoint = open.get(fd);
        return endpoint == null || endpoint.pty() == null ? Optional.empty() : Optional.of(endpoint.pty().size);
    }

    @Override
    public synchronized void setWindowSize(int fd, WindowSize size) {
        record(CallText.call("ioctl", nameOf(fd), "TIOCSWINSZ", size));
        Endpoint endpoint = endpoint(fd, "ioctl");
        if (endpoint.pty() == null) {
            throw new SyscallException(CallText.call("ioctl", nameOf(fd), "TIOCSWINSZ", size), TerminalSyscalls.ENOTTY);
        }
        endpoint.pty().size = size;
    }

    @Override
    public synchronized byte[] terminalSettings(int fd) {
        UserTerminal terminal = userTerminals.get(fd);
        if (terminal == null) {
            throw new SyscallException(CallText.call("tcgetattr", nameOf(fd)), TerminalSyscalls.ENOTTY);
        }
        return terminal.settings.clone();
    }

    @Override
    public byte[] rawSettings(byte[] settings) {
        return RAW.clone();
    }

    @Override
    public synchronized void applyTerminalSettings(int fd, byte[] settings) {
        record(CallText.call("tcsetattr", nameOf(fd), "TCSANOW"));
        UserTerminal terminal = userTerminals.get(fd);
        if (terminal == null) {
            throw new SyscallException(CallText.call("tcsetattr", nameOf(fd), "TCSANOW"), TerminalSyscalls.ENOTTY);
        }
        terminal.settings = settings.clone();
    }

    @Override
    public synchronized boolean isatty(int fd) {
        Endpoint endpoint = open.get(fd);
        return userTerminals.containsKey(fd) || endpoint != null && endpoint.pty() != null;
    }

    @Override
    public synchronized boolean pollFd(int fd, short events, int timeoutMillis) {
        if (events == TerminalSyscalls.POLLOUT) {
            return true;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!readable(fd)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyscallException(CallText.call("poll", nameOf(fd)), Errno.EINTR);
            }
        }
        return true;
    }

    /** Would a read not block: bytes to read, or a hangup that the read reports. */
    private boolean readable(int fd) {
        if (userTerminals.containsKey(fd)) {
            return userTerminals.get(fd).keys.size() > 0;
        }
        Endpoint endpoint = open.get(fd);
        if (endpoint == null || endpoint.pty() == null) {
            return true;
        }
        Pty pty = endpoint.pty();
        return endpoint.master() ? pty.toMaster.size() > 0 || hungUp(pty) : pty.toSlave.size() > 0 || !pty.masterOpen;
    }

    /** A master reads EIO once a slave was opened and none is open any more. */
    private static boolean hungUp(Pty pty) {
        return pty.slaveWasOpened && pty.slavesOpen == 0;
    }

    @Override
    public synchronized int readFd(int fd, byte[] buffer, int count) {
        if (userTerminals.containsKey(fd)) {
            return take(userTerminals.get(fd).keys, buffer, count, fd);
        }
        Endpoint endpoint = endpoint(fd, "read");
        Pty pty = endpoint.pty();
        if (pty == null) {
            return 0;
        }
        if (endpoint.master()) {
            if (pty.toMaster.size() == 0 && hungUp(pty)) {
                throw new SyscallException(CallText.call("read", nameOf(fd)), TerminalSyscalls.EIO);
            }
            return take(pty.toMaster, buffer, count, fd);
        }
        if (pty.toSlave.size() == 0 && !pty.masterOpen) {
            throw new SyscallException(CallText.call("read", nameOf(fd)), TerminalSyscalls.EIO);
        }
        return take(pty.toSlave, buffer, count, fd);
    }

    /** Up to {@code count} bytes from the front of {@code queue}; EAGAIN when it is empty. */
    private int take(ByteArrayOutputStream queue, byte[] buffer, int count, int fd) {
        byte[] all = queue.toByteArray();
        if (all.length == 0) {
            throw new SyscallException(CallText.call("read", nameOf(fd)), TerminalSyscalls.EAGAIN);
        }
        int taken = Math.min(count, all.length);
        System.arraycopy(all, 0, buffer, 0, taken);
        queue.reset();
        queue.write(all, taken, all.length - taken);
        return taken;
    }

    @Override
    public synchronized int writeFd(int fd, byte[] buffer, int count) {
        Endpoint endpoint = endpoint(fd, "write");
        Pty pty = endpoint.pty();
        if (pty == null) {
            return count;
        }
        if (endpoint.master()) {
            pty.typed.write(buffer, 0, count);
            pty.toSlave.write(buffer, 0, count);
        } else {
            pty.toMaster.write(buffer, 0, count);
        }
        notifyAll();
        return count;
    }

    @Override
    public synchronized void closeFd(int fd) {
        record(CallText.call("close", nameOf(fd)));
        Endpoint endpoint = endpoint(fd, "close");
        open.remove(fd);
        if (endpoint.pty() != null) {
            if (endpoint.master()) {
                endpoint.pty().masterOpen = false;
            } else {
                endpoint.pty().slavesOpen--;
            }
        }
        notifyAll();
    }

    private String nameOf(int fd) {
        Endpoint endpoint = open.get(fd);
        return endpoint == null ? "fd " + fd : endpoint.name();
    }

    private Endpoint endpoint(int fd, String call) {
        Endpoint endpoint = open.get(fd);
        if (endpoint == null) {
            throw new SyscallException(CallText.call(call, nameOf(fd)), Errno.EBADF);
        }
        return endpoint;
    }

    private Pty master(int fd, String request) {
        Endpoint endpoint = endpoint(fd, "ioctl");
        if (endpoint.pty() == null || !endpoint.master()) {
            throw new SyscallException(CallText.call("ioctl", nameOf(fd), request), TerminalSyscalls.ENOTTY);
        }
        return endpoint.pty();
    }

    /** The recorded calls on {@code name} (a path, or {@code fd N}), in order. */
    public List<String> callsOn(String name) {
        return calls().stream().filter(call -> call.contains("(" + name + ",") || call.contains("(" + name + ")")).toList();
    }
}
