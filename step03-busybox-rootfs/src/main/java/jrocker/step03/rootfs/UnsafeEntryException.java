package jrocker.step03.rootfs;

import java.io.IOException;

/**
 * A tar entry that {@link TarUnpacker} refuses because it could reach outside the target directory
 * (a {@code ..} in its name or in a hardlink's target) or would replace the target itself. A well-made image
 * never contains one; an archive that does was built by mistake or to attack the host.
 */
public class UnsafeEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeEntryException(String message) {
        super(message);
    }
}
