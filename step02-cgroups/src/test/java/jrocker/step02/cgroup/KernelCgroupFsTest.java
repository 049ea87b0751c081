package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real file operations, on an ordinary directory: errors carry the call, the path and the errno. */
class KernelCgroupFsTest {
    private final CgroupFs fs = CgroupFs.kernel();

    @TempDir
    Path tmp;

    @Test
    void writeNeverCreatesAFileThatTheKernelDidNotMake() {
        Path missing = tmp.resolve("memory.max");

        SyscallException e = assertThrows(SyscallException.class, () -> fs.write(missing, "4m"));

        assertEquals("write 4m to " + missing + " failed: ENOENT (No such file or directory)", e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void writeReplacesTheWholeContentAndReadReturnsIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("pids.max"), "max\n");

        fs.write(file, "20");

        assertEquals("20", fs.read(file));
    }

    @Test
    void mkdirAndRmdirReportEexistAndEnoent() {
        Path dir = tmp.resolve("jrocker");
        fs.mkdir(dir);

        assertEquals(Errno.EEXIST, assertThrows(SyscallException.class, () -> fs.mkdir(dir)).errno());
        assertEquals(Errno.ENOENT, assertThrows(SyscallException.class, () -> fs.mkdir(tmp.resolve("no/such"))).errno());
        fs.rmdir(dir);
        assertEquals("rmdir " + dir + " failed: ENOENT (No such file or directory)",
                assertThrows(SyscallException.class, () -> fs.rmdir(dir)).getMessage());
    }

    @Test
    void theKernelsTextIsMappedBackToItsErrno() {
        // What Java reports for a failed write(2): only the C library's text.
        RuntimeException busy = KernelCgroupFs.failure("write 4m to /sys/fs/cgroup/memory/jrocker/ab12/memory.limit_in_bytes",
                new IOException("Device or resource busy"));
        assertEquals("write 4m to /sys/fs/cgroup/memory/jrocker/ab12/memory.limit_in_bytes failed: EBUSY (Device or resource busy)",
                busy.getMessage());
        assertEquals(Errno.EBUSY, assertInstanceOf(SyscallException.class, busy).errno());

        RuntimeException noSpace = KernelCgroupFs.failure("write 1 to cgroup.procs",
                new FileSystemException("cgroup.procs", null, "No space left on device"));
        assertEquals(Errno.ENOSPC, assertInstanceOf(SyscallException.class, noSpace).errno());

        RuntimeException unknown = KernelCgroupFs.failure("write x to f", new IOException("No such device"));
        assertInstanceOf(CgroupException.class, unknown);
        assertEquals("write x to f failed: No such device", unknown.getMessage());
    }
}
