package jrocker.step05.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step05.linux.TerminalSyscalls;

/**
 * A file descriptor that one thread reads, another writes, and a third closes, safely. A relay needs all
 * three: one thread copies the keyboard to the pty, another copies the pty to the screen, and the main
 * thread closes everything when the container has exited.
 *
 * <p>Why not plain read(2) and close(2)? A thread blocked in read(2) stays blocked when another thread closes
 * the descriptor. Worse, the kernel hands the freed number to the next file anybody opens, and the reader's
 * next read(2) would read that file instead. So here every read and write first waits with poll(2) for at
 * most {@value #POLL_MILLIS} ms, holding a shared lock, and only calls read(2) or write(2) when the kernel
 * says it will not block. {@link #close} takes the lock exclusively: it waits for a poll in progress to
 * finish (at most {@value #POLL_MILLIS} ms), closes, and every later read sees the end of the stream.
 */
final class PolledFd implements AutoCloseable {
    /** How long a read or write waits before it looks again whether the descriptor was closed. */
    static final int POLL_MILLIS = 100;

    private final TerminalSyscalls syscalls;
    private final int fd;
    private final String name;
    private final boolean owned;
    /** Fair, so that {@link #close} gets its turn even while two threads keep polling. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private volatile boolean closed;

    private PolledFd(TerminalSyscalls syscalls, int fd, String name, boolean owned) {
        this.syscalls = syscalls;
        this.fd = fd;
        this.name = name;
        this.owned = owned;
    }

    /** A descriptor this object owns: {@link #close} closes it. {@code name} appears in error messages. */
    static PolledFd own(TerminalSyscalls syscalls, int fd, String name) {
        return new PolledFd(syscalls, fd, name, true);
    }

    /** A descriptor that stays open (stdin): {@link #close} only ends the reads and writes made through here. */
    static PolledFd borrow(TerminalSyscalls syscalls, int fd, String name) {
        return new PolledFd(syscalls, fd, name, false);
    }

    /** What error messages call this descriptor, e.g. {@code /dev/ptmx}. */
    String name() {
        return name;
    }

    /** The system calls this descriptor is read, written and closed with. */
    TerminalSyscalls syscalls() {
        return syscalls;
    }

    /** A call that needs the descriptor's number; it runs while the number is guaranteed to stay this file's. */
    @FunctionalInterface
    interface Call<T> {
        T run(TerminalSyscalls syscalls, int fd);
    }

    /**
     * Run {@code call} on the descriptor and return what it returns; once this object is closed, fail with EBADF
     * instead, naming {@code callText}: the number may belong to another file by now.
     */
    <T> T call(String callText, Call<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new SyscallException(callText, Errno.EBADF).because(name + " is closed");
            }
            return call.run(syscalls, fd);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Read up to {@code length} bytes; -1 at the end: end of file, EIO (what a pty master reads once every
     * process has closed the slave side), or this object was closed.
     */
    int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        byte[] target = offset == 0 ? buffer : new byte[length];
        while (true) {
            lock.readLock().lock();
            try {
                if (closed) {
                    return -1;
                }
                if (!ready(TerminalSyscalls.POLLIN)) {
                    continue;
                }
                int count;
                try {
                    count = syscalls.readFd(fd, target, length);
                } catch (SyscallException e) {
                    if (e.errno() == TerminalSyscalls.EAGAIN || e.errno() == Errno.EINTR) {
                        continue;
                    }
                    if (e.errno() == TerminalSyscalls.EIO) {
                        return -1;
                    }
                    throw new IOException(e.getMessage(), e);
                }
                if (count == 0) {
                    return -1;
                }
                if (target != buffer) {
                    System.arraycopy(target, 0, buffer, offset, count);
                }
                return count;
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /** Write all {@code length} bytes, waiting for room as long as it takes; fails once this object is closed. */
    void write(byte[] buffer, int offset, int length) throws IOException {
        int written = 0;
        while (written < length) {
            lock.readLock().lock();
            try {
                if (closed) {
                    throw new IOException(name + " is closed");
                }
                if (!ready(TerminalSyscalls.POLLOUT)) {
                    continue;
                }
                byte[] rest = offset + written == 0 && length == buffer.length
                        ? buffer : Arrays.copyOfRange(buffer, offset + written, offset + length);
                try {
                    written += syscalls.writeFd(fd, rest, rest.length);
                } catch (SyscallException e) {
                    if (e.errno() != TerminalSyscalls.EAGAIN && e.errno() != Errno.EINTR) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /**
     * Wait up to {@value #POLL_MILLIS} ms until reading or writing ({@code events}) would not block. True also
     * when the kernel reports an error or a hangup: the read or write that follows then says what it is.
     */
    private boolean ready(short events) throws IOException {
        try {
            return syscalls.pollFd(fd, events, POLL_MILLIS);
        } catch (SyscallException e) {
            if (e.errno() == Errno.EINTR) { // a signal arrived (SIGWINCH, say): just look again
                return false;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Stop every read and write made through this object, and close the descriptor if it is ours. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (owned) {
                try {
                    syscalls.closeFd(fd);
                } catch (SyscallException e) {
                    // The descriptor is released even when close(2) reports an error: nothing to retry.
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Reads through {@link #read}: -1 at the end, including after {@link #close}. */
    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return PolledFd.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, buffer.length);
                return PolledFd.this.read(buffer, offset, length);
            }

            @Override
            public void close() {
                PolledFd.this.close();
            }
        };
    }

    /** Writes through {@link #write}. */
    OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                PolledFd.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, buffer.length);
                PolledFd.this.write(buffer, offset, length);
            }

            @Override
            public void close() {
                PolledFd.this.close();
            }
        };
    }
}
