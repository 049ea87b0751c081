package jrocker.step01.linux;

import java.util.LinkedHashMap;
import java.util.Map;

/** Flags for mount(2) and umount2(2), from linux/mount.h, with names for messages. */
public final class MountFlags {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;

    /** umount2: detach now, finish when the mount is no longer busy. */
    public static final int MNT_DETACH = 2;

    private static final Map<Long, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(MS_RDONLY, "MS_RDONLY");
        NAMES.put(MS_NOSUID, "MS_NOSUID");
        NAMES.put(MS_NODEV, "MS_NODEV");
        NAMES.put(MS_NOEXEC, "MS_NOEXEC");
        NAMES.put(MS_REMOUNT, "MS_REMOUNT");
        NAMES.put(MS_BIND, "MS_BIND");
        NAMES.put(MS_MOVE, "MS_MOVE");
        NAMES.put(MS_REC, "MS_REC");
        NAMES.put(MS_PRIVATE, "MS_PRIVATE");
        NAMES.put(MS_SLAVE, "MS_SLAVE");
        NAMES.put(MS_SHARED, "MS_SHARED");
    }

    private MountFlags() {
    }

    /** "MS_REC|MS_PRIVATE" for {@code MS_REC | MS_PRIVATE}; "0" for none. */
    public static String describe(long flags) {
        StringBuilder text = new StringBuilder();
        long rest = flags;
        for (Map.Entry<Long, String> flag : NAMES.entrySet()) {
            if ((flags & flag.getKey()) != 0) {
                text.append(text.length() == 0 ? "" : "|").append(flag.getValue());
                rest &= ~flag.getKey();
            }
        }
        if (rest != 0) {
            text.append(text.length() == 0 ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
        return text.length() == 0 ? "0" : text.toString();
    }
}
