package jrocker.step05.image;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.SyscallException;
import jrocker.step03.linux.FileMetadata;
import jrocker.step03.tar.FileNames;

/**
 * Whiteouts and opaque directories as overlayfs reads them, made with real system calls.
 * <ul>
 *   <li>A whiteout is {@code mknod(path, S_IFCHR | 0000, makedev(0, 0))}, at the name's exact bytes. Creating a
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


    @Override
    public void makeWhiteout(Path path) throws IOException {
        try {
            FileMetadata.mknod(path, S_IFCHR, 0); // the name's bytes exactly, even when they are not UTF-8
        } catch (FileSystemException e) {
            throw new IOException("cannot create the whiteout " + path + ": " + e.getReason()
                    + (e.getReason().contains("EPERM") ? " (whiteouts are device nodes: unpacking layers needs root)" : ""), e);
        }
    }

    @Override
    public void markOpaque(Path directory) throws IOException {
        String call = CallText.call("lsetxattr", directory, OPAQUE_ATTRIBUTE, "y");
        try {
            XattrLibC.lsetxattr(nativeText(directory), OPAQUE_ATTRIBUTE, YES, YES.length, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot mark " + directory + " opaque: " + new SyscallException(call, e.getErrorCode())
                    .getMessage(), e);
        }
    }

    /**
     * The path as the String JNA turns into exactly its bytes; a directory whose name does not survive that
     * (not valid in the JVM's character set) is one clear error, never an attribute on another name.
     */
    private static String nativeText(Path path) throws IOException {
        String text = path.toString();
        if (!java.util.Arrays.equals(text.getBytes(com.sun.jna.Native.getDefaultStringEncoding()), FileNames.bytes(path))) {
            throw new IOException("cannot use the extended attributes of " + FileNames.printable(FileNames.name(path))
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
        byte[] value = new byte[16];
        String call = CallText.call("lgetxattr", directory, OPAQUE_ATTRIBUTE);
        try {
            long length = XattrLibC.lgetxattr(nativeText(directory), OPAQUE_ATTRIBUTE, value, value.length);
            return length == 1 && value[0] == 'y';
        } catch (LastErrorException e) {
            if (e.getErrorCode() == XattrLibC.ENODATA) {
                return false;
            }
            throw new IOException("cannot read whether " + directory + " is opaque: "
                    + new SyscallException(call, e.getErrorCode()).getMessage(), e);
        }
    }
}
