package jrocker.step05.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step03.tar.FileNames;
import jrocker.step05.linux.LinuxLifecycleSyscalls;
import jrocker.step05.linux.OverlaySyscalls;

/**
 * Whiteouts and opaque directories as overlayfs reads them, made with real system calls ({@link OverlaySyscalls}).
 * <ul>
 *   <li>A whiteout is {@code mknod(path, S_IFCHR | 0000, makedev(0, 0))}: step04's mknod. Creating a
 *       device node needs CAP_MKNOD, so unpacking layers for overlayfs needs root.</li>
 *   <li>Opaque is the extended attribute {@code trusted.overlay.opaque = "y"}. {@code trusted.*}
 *       attributes need CAP_SYS_ADMIN to set <em>and to see</em>: without it, {@link #isOpaque} is always
 *       false. (Rootless overlayfs, mount option {@code userxattr}, reads {@code user.overlay.opaque}
 *       instead; jrocker's overlay is mounted by root.)</li>
 * </ul>
 * Whether a file is a whiteout needs no system call of our own: the JDK's "unix" attribute view gives
 * the file type and the device number.
 */
public final class LinuxLayerFileSystem implements LayerFileSystem {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);
    /** What overlayfs mounted by root reads (rootless overlayfs would read {@code user.overlay.opaque}). */
    private static final String OPAQUE_ATTRIBUTE = "trusted.overlay.opaque";

    private final OverlaySyscalls syscalls;

    /** With the real calls. */
    public LinuxLayerFileSystem() {
        this(new LinuxLifecycleSyscalls());
    }

    /** With {@code syscalls}: the tests' recording double shows which calls each operation makes. */
    public LinuxLayerFileSystem(OverlaySyscalls syscalls) {
        this.syscalls = syscalls;
    }

    @Override
    public void makeWhiteout(Path path) throws IOException {
        try {
            syscalls.mknodCharDevice(exactText(path), 0, 0, 0);
        } catch (SyscallException e) {
            throw new IOException("cannot create the whiteout " + path + ": " + e.getMessage()
                    + (e.errno() == Errno.EPERM ? " (whiteouts are device nodes: unpacking layers needs root)" : ""), e);
        }
    }

    @Override
    public void markOpaque(Path directory) throws IOException {
        try {
            syscalls.setXattr(exactText(directory), OPAQUE_ATTRIBUTE, YES);
        } catch (SyscallException e) {
            throw new IOException("cannot mark " + directory + " opaque: " + e.getMessage(), e);
        }
    }

    /**
     * The path as a String that the system calls turn back into exactly its bytes. A name that does not survive
     * that (not valid in the JVM's character set, such as a Latin-1 name in a UTF-8 JVM) is one clear error,
     * never a whiteout or an attribute on another name.
     */
    private static String exactText(Path path) throws IOException {
        String text = path.toString();
        if (!Arrays.equals(text.getBytes(com.sun.jna.Native.getDefaultStringEncoding()), FileNames.bytes(path))) {
            throw new IOException("cannot make a whiteout or opaque directory at " + FileNames.printable(FileNames.name(path))
                    + ": its name is not valid in this JVM's character set");
        }
        return text;
    }

    @Override
    public boolean isWhiteout(Path path) throws IOException {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) attributes.get("mode") & S_IFMT) == S_IFCHR && (Long) attributes.get("rdev") == 0;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public boolean isOpaque(Path directory) throws IOException {
        try {
            return syscalls.getXattr(exactText(directory), OPAQUE_ATTRIBUTE).map(value -> Arrays.equals(value, YES)).orElse(false);
        } catch (SyscallException e) {
            throw new IOException("cannot read whether " + directory + " is opaque: " + e.getMessage(), e);
        }
    }
}
