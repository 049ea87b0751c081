package jrocker.step05.linux;

import java.util.Optional;
import jrocker.step04.linux.PivotRootSyscalls;

/**
 * What chapter 5's overlayfs needs of the kernel beyond step04's calls (a whiteout is step04's
 * {@code mknodCharDevice} with device number 0/0): the extended attribute that marks a directory opaque,
 * {@code trusted.overlay.opaque}. Java's {@code UserDefinedFileAttributeView} reaches only the {@code user.}
 * namespace, so these are C calls. Both act on a symlink itself, never on what it points to.
 */
public interface OverlaySyscalls extends PivotRootSyscalls {

    /** lsetxattr(2): set the extended attribute {@code name} of {@code path} to {@code value}. */
    void setXattr(String path, String name, byte[] value);

    /** lgetxattr(2): the value of the extended attribute {@code name} of {@code path}; empty when it has none (ENODATA). */
    Optional<byte[]> getXattr(String path, String name);
}
