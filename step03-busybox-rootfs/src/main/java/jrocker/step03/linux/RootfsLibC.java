package jrocker.step03.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** The C library functions step03 adds: changing the root directory and the working directory. */
final class RootfsLibC {
    static {
        Native.register("c");
    }

    private RootfsLibC() {
    }

    /** chroot(2): path names starting with / now start at {@code path}, for this process and its children. */
    static native int chroot(String path) throws LastErrorException;

    /** chdir(2). Java has no way to change the working directory; the init needs it after chroot. */
    static native int chdir(String path) throws LastErrorException;
}
