package jrocker.step05.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jrocker.step01.linux.Errno;
import jrocker.step05.linux.RecordingLifecycleSyscalls;
import org.junit.jupiter.api.Test;

/**
 * The calls behind {@link LinuxLayerFileSystem}, on the recording double: which call makes a whiteout and an
 * opaque directory, and what a failure says. {@code LinuxLayerFileSystemPrivilegedIT} makes them for real.
 */
class LinuxLayerFileSystemTest {
    private final RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
    private final LinuxLayerFileSystem fs = new LinuxLayerFileSystem(syscalls);

    @Test
    void aWhiteoutIsACharacterDeviceNumberedZeroZero() throws IOException {
        fs.makeWhiteout(Path.of("/layer/etc/passwd"));
        assertEquals(List.of("mknod(/layer/etc/passwd, S_IFCHR|00, 0:0)"), syscalls.calls());
    }

    @Test
    void withoutTheRightToMakeDevicesTheMessageSaysThatUnpackingNeedsRoot() {
        syscalls.failOn("mknod(", Errno.EPERM);
        IOException e = assertThrows(IOException.class, () -> fs.makeWhiteout(Path.of("/layer/etc/passwd")));
        assertTrue(e.getMessage().startsWith("cannot create the whiteout /layer/etc/passwd: mknod("), e.getMessage());
        assertTrue(e.getMessage().endsWith("(whiteouts are device nodes: unpacking layers needs root)"), e.getMessage());
    }

    @Test
    void anOpaqueDirectoryCarriesTheTrustedOverlayAttributeAndReadsBackAsOpaque() throws IOException {
        fs.markOpaque(Path.of("/layer/var/cache"));
        assertEquals(List.of("lsetxattr(/layer/var/cache, trusted.overlay.opaque, y)"), syscalls.calls());
        assertTrue(fs.isOpaque(Path.of("/layer/var/cache")));
        assertFalse(fs.isOpaque(Path.of("/layer/var")), "a directory without the attribute");
    }

    @Test
    void onlyTheValueYMeansOpaque() throws IOException {
        syscalls.setXattr("/layer/var/cache", "trusted.overlay.opaque", "n".getBytes(StandardCharsets.US_ASCII));
        assertFalse(fs.isOpaque(Path.of("/layer/var/cache")));
        syscalls.setXattr("/layer/var/cache", "trusted.overlay.opaque", "yes".getBytes(StandardCharsets.US_ASCII));
        assertFalse(fs.isOpaque(Path.of("/layer/var/cache")));
    }

    @Test
    void aFailedMarkNamesTheDirectoryAndTheCall() {
        syscalls.failOn("lsetxattr(", Errno.EPERM);
        IOException e = assertThrows(IOException.class, () -> fs.markOpaque(Path.of("/layer/var/cache")));
        assertEquals("cannot mark /layer/var/cache opaque: lsetxattr(/layer/var/cache, trusted.overlay.opaque, y) failed: "
                + Errno.describe(Errno.EPERM), e.getMessage());
    }
}
