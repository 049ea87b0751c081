package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The C library's extended-attribute calls, which Java lacks for the {@code trusted.} namespace
 * (its UserDefinedFileAttributeView reaches only {@code user.}). The {@code l} variants act on a symlink
 * itself, never on what it points to. {@code size_t} and {@code ssize_t} are Java longs: 64-bit Linux.
 */
final class XattrLibC {
    static {
        Native.register("c");
    }

    /** ENODATA: the file has no such attribute (glibc also calls it ENOATTR). */
    static final int ENODATA = 61;

    private XattrLibC() {
    }

    /** lsetxattr(2): set attribute {@code name} of {@code path} to {@code value}. */
    static native int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    /** lgetxattr(2): copy attribute {@code name} into {@code value}; returns its length. */
    static native long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;
}
