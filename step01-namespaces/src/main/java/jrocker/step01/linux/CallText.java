package jrocker.step01.linux;

import java.util.List;

/**
 * How a system call is written in messages and in the log of the tests' double {@code RecordingSyscalls}, e.g.
 * {@code mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)}. The real calls and the test
 * double share this one spelling, so a test's expected list reads like an strace of the real run.
 */
public final class CallText {
    private CallText() {
    }

    /** CLONE_FS: not a namespace, but unshare(2) takes it too (step05's exec needs it). */
    private static final int CLONE_FS = 0x00000200;

    public static String unshare(int cloneFlags) {
        String namespaces = Namespace.describeFlags(cloneFlags & ~CLONE_FS);
        if ((cloneFlags & CLONE_FS) == 0) {
            return "unshare(" + namespaces + ")";
        }
        return "unshare(CLONE_FS" + (namespaces.equals("0") ? "" : "|" + namespaces) + ")";
    }

    public static String sethostname(String hostname) {
        return "sethostname(" + hostname + ")";
    }

    public static String mount(String source, String target, String fstype, long flags, String data) {
        return "mount(" + source + ", " + target + ", " + fstype + ", " + MountFlags.describe(flags) + ", " + data + ")";
    }

    public static String umount2(String target, int flags) {
        return "umount2(" + target + ", " + (flags == MountFlags.MNT_DETACH ? "MNT_DETACH" : String.valueOf(flags)) + ")";
    }

    public static String closeOnExecAbove(int lastKeptFd) {
        return "closeOnExecAbove(" + lastKeptFd + ")";
    }

    public static String takeTerminal(int fd) {
        return "takeTerminal(" + fd + ")";
    }

    public static String execve(String path, List<String> argv) {
        return "execve(" + path + ", " + argv + ")";
    }

    /** The calling convention for any other call: {@code name(arg, arg, ...)}. */
    public static String call(String name, Object... arguments) {
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.length; i++) {
            text.append(i == 0 ? "" : ", ").append(arguments[i]);
        }
        return text.append(')').toString();
    }
}
