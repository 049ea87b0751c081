package jrocker.step01.linux;

/**
 * The namespaces a jrocker container gets. Each one isolates one kind of global resource; see
 * namespaces(7). The flag is what unshare(2)/clone(2) take; {@link #procName()} is the entry in
 * {@code /proc/PID/ns/}, whose link target (e.g. {@code uts:[4026531838]}) identifies the namespace.
 */
public enum Namespace {
    /** Mount points: what the file tree looks like. */
    MOUNT(0x00020000, "mnt"),
    /** Hostname and NIS domain name. */
    UTS(0x04000000, "uts"),
    /** System V IPC and POSIX message queues. */
    IPC(0x08000000, "ipc"),
    /** Process IDs: the first process in a new one is PID 1. */
    PID(0x20000000, "pid"),
    /** Network devices, addresses, routes, ports: a new one has only a loopback device, down. */
    NETWORK(0x40000000, "net"),
    /** The root of the cgroup tree this process sees in /proc/self/cgroup. */
    CGROUP(0x02000000, "cgroup");

    private final int cloneFlag;
    private final String procName;

    Namespace(int cloneFlag, String procName) {
        this.cloneFlag = cloneFlag;
        this.procName = procName;
    }

    /** CLONE_NEWNS, CLONE_NEWUTS, ... as defined in linux/sched.h. */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** The file name under /proc/PID/ns/. */
    public String procName() {
        return procName;
    }

    /** The OR of the clone flags of {@code namespaces}. */
    public static int cloneFlags(Iterable<Namespace> namespaces) {
        int flags = 0;
        for (Namespace namespace : namespaces) {
            flags |= namespace.cloneFlag;
        }
        return flags;
    }

    /** "CLONE_NEWNS|CLONE_NEWUTS" for messages and recorded calls. */
    public static String describeFlags(int flags) {
        StringBuilder text = new StringBuilder();
        for (Namespace namespace : values()) {
            if ((flags & namespace.cloneFlag) != 0) {
                if (text.length() > 0) {
                    text.append('|');
                }
                text.append(namespace.flagName());
            }
        }
        return text.length() == 0 ? "0" : text.toString();
    }

    /** The C name of the flag, e.g. CLONE_NEWNS for MOUNT (the oldest namespace got the shortest name). */
    public String flagName() {
        return this == MOUNT ? "CLONE_NEWNS" : "CLONE_NEW" + procName.toUpperCase(java.util.Locale.ROOT);
    }
}
