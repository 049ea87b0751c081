package jrocker.step05.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock file shared by jrocker processes, locked with {@code flock}-like {@link FileLock}. The store's write
 * lock, {@code DATA_ROOT/store.lock}, is held while repositories.json, the image directories or the layer set
 * change: two jrocker commands (two processes) then never interleave their read-change-write of
 * repositories.json. Each container has one too ({@code containers/ID/lock}), for its state.
 *
 * <p>A FileLock belongs to the whole JVM: a second thread asking for it gets an
 * OverlappingFileLockException instead of waiting. So threads of one JVM first take an ordinary Java lock.
 */
public final class StoreLock implements AutoCloseable {
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Wait for the lock. Not reentrant across the file: do not take it twice in one call chain. */
    public static StoreLock acquire(Path lockFile) throws IOException {
        IN_THIS_JVM.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new StoreLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            IN_THIS_JVM.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
