package jrocker.step05.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jrocker.step01.container.ContainerLauncher;
import jrocker.step01.container.HostStage;
import jrocker.step01.linux.Namespace;
import jrocker.step05.lifecycle.ContainerRecord;

// tag::foreground-output[]
/**
 * A foreground container's output: on your screen, and in its log too, so that {@code logs} shows it later as
 * it shows a detached container's. The monitor's stdout and stderr are pipes to jrocker, and two threads copy
 * what comes out of them to jrocker's own stdout and stderr and into the log. (With {@code -t} the container's
 * output comes from its terminal instead: {@link #screen} is what the terminal's relay writes to.)
 *
 * <p>The pipes end once the monitor and every process of the container have closed them; the copies are
 * awaited when the run is undone, before the container's directory may go ({@code --rm}), so nothing the
 * container wrote last is lost on the way to the screen.
 */
public final class ForegroundOutput implements HostStage {
    private static final long DRAIN_MILLIS = 2000;

    private final Path directory;
    private volatile ContainerLog log;
    private final List<Thread> copies = new ArrayList<>();

    /** The output of the container whose directory is {@code directory}. */
    public ForegroundOutput(Path directory) {
        this.directory = directory;
    }

    /** Open the log, once the container's directory is there (before the monitor starts). */
    public void open() throws IOException {
        log = ContainerLog.appendingTo(ContainerRecord.logFile(directory));
    }

    /** {@code start}, with the process' stdout and stderr copied to jrocker's and to the log from its first byte on. */
    public ContainerLauncher.InitStart around(ContainerLauncher.InitStart start) {
        return new ContainerLauncher.InitStart() {
            @Override
            public Process start(Set<Namespace> namespaces, List<String> javaCommand, Path socketPath,
                                 ContainerLauncher.Stdio stdio) throws IOException {
                Process process = start.start(namespaces, javaCommand, socketPath, stdio);
                copy("jrocker-stdout", process.getInputStream(), new FileOutputStream(FileDescriptor.out), ContainerLog.Stream.STDOUT);
                copy("jrocker-stderr", process.getErrorStream(), new FileOutputStream(FileDescriptor.err), ContainerLog.Stream.STDERR);
                return process;
            }

            @Override
            public void kill(Process started) {
                start.kill(started);
            }

            @Override
            public jrocker.step01.container.ControlSocketPath controlSocket() throws IOException {
                return start.controlSocket(); // step05's: in the container's directory, not in /tmp
            }
        };
    }

    /** jrocker's stdout, and the log: where {@code -t}'s relay shows what the container's terminal says. */
    public OutputStream screen() {
        return new Tee(new FileOutputStream(FileDescriptor.out), log.stream(ContainerLog.Stream.STDOUT));
    }

    private synchronized void copy(String name, InputStream from, OutputStream screen, ContainerLog.Stream stream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            boolean showing = true;
            try (from) {
                int count;
                while ((count = from.read(buffer)) >= 0) {
                    showing = showing && show(screen, buffer, count);
                    log.write(stream, buffer, 0, count);
                }
            } catch (IOException e) {
                // the log cannot be written: the container goes on regardless, its output is lost
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        copies.add(thread);
    }
    // end::foreground-output[]

    /** False once the screen is gone (jrocker's stdout was a pipe, closed): the log still gets everything. */
    private static boolean show(OutputStream screen, byte[] buffer, int count) {
        try {
            screen.write(buffer, 0, count);
            screen.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The container's processes are gone: let the copies read the last of the pipes, then close the log. */
    @Override
    public void undo() {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(copies);
        }
        for (Thread copy : started) {
            try {
                copy.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            // nothing more is written
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
