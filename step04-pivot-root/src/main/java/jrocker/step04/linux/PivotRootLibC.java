package jrocker.step04.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The C library functions step04 adds. pivot_root has no glibc wrapper, so it goes through syscall(2)
 * with its number, which differs between architectures.
 */
final class PivotRootLibC {
    static {
        Native.register("c");
    }

    private PivotRootLibC() {
    }

    /** syscall(2) with two path arguments: pivot_root(new_root, put_old). */
    static native long syscall(long number, String first, String second) throws LastErrorException;

    /** mknod(2): create a device node. {@code device} is makedev(major, minor). Needs glibc 2.33 or newer. */
    static native int mknod(String path, int mode, long device) throws LastErrorException;

    /** chmod(2). */
    static native int chmod(String path, int mode) throws LastErrorException;

    /** mkdir(2). */
    static native int mkdir(String path, int mode) throws LastErrorException;

    /** rmdir(2). */
    static native int rmdir(String path) throws LastErrorException;

    /** symlink(2): create {@code linkPath} pointing to {@code target}. */
    static native int symlink(String target, String linkPath) throws LastErrorException;
}
