package jrocker.step03.tar;

import java.time.Instant;
import java.util.Objects;

/**
 * One member of a tar archive: its header, without its content. {@link TarReader} hands these out and
 * {@link TarWriter} takes them; the content travels next to the entry as a stream.
 *
 * <p>{@code name} is the path exactly as the archive spells it (it may start with {@code /} or {@code ./};
 * only the unpacker decides what that means on disk), except that a directory's trailing slash is
 * dropped. Names and link targets are bytes in {@link FileNames}' String form: UTF-8 text, with any byte
 * that is not UTF-8 kept as an escape, so they go back to disk and to tars exactly as they were. {@code mode} holds the permission bits only (including setuid, setgid and sticky: 07777).
 * {@code uid} and {@code gid} are numbers: a container's /etc/passwd, not the host's, gives them names.
 * {@code size} is the length of the content that follows the header, so it is 0 for everything but files.
 *
 * @param linkName the target of a symlink (any text) or of a hardlink (another entry's name); "" otherwise
 * @param devMajor the device number of a {@link Type#CHAR_DEVICE} or {@link Type#BLOCK_DEVICE}; 0 otherwise
 */
public record TarEntry(String name, Type type, int mode, long uid, long gid, long size, Instant mtime,
                       String linkName, int devMajor, int devMinor) {

    /** The kinds of entries. The letters are the header's typeflag byte. */
    public enum Type {
        FILE('0'), HARDLINK('1'), SYMLINK('2'), CHAR_DEVICE('3'), BLOCK_DEVICE('4'), DIRECTORY('5'), FIFO('6'),
        /** Anything else (a GNU volume label, a dump directory, ...): read past, never unpacked. */
        OTHER('?');

        private final char flag;

        Type(char flag) {
            this.flag = flag;
        }

        /** The typeflag byte that {@link TarWriter} writes. */
        public char flag() {
            return flag;
        }
    }

    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(linkName, "linkName");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("tar entry " + name + ": mode " + Integer.toOctalString(mode)
                    + " has bits beyond 07777 (permissions, setuid, setgid, sticky)");
        }
        if (size < 0 || uid < 0 || gid < 0 || devMajor < 0 || devMinor < 0) {
            throw new IllegalArgumentException("tar entry " + name + ": size, uid, gid and device numbers cannot be negative");
        }
    }

    /** A regular file of {@code size} bytes, owned by root, dated 1970 (see {@link #withMtime}). */
    public static TarEntry file(String name, int mode, long size) {
        return new TarEntry(name, Type.FILE, mode, 0, 0, size, Instant.EPOCH, "", 0, 0);
    }

    public static TarEntry directory(String name, int mode) {
        return new TarEntry(name, Type.DIRECTORY, mode, 0, 0, 0, Instant.EPOCH, "", 0, 0);
    }

    /** A symlink holds only text: {@code target} may be relative, absolute or dangling. */
    public static TarEntry symlink(String name, String target) {
        return new TarEntry(name, Type.SYMLINK, 0777, 0, 0, 0, Instant.EPOCH, target, 0, 0);
    }

    /** A second name for the file that an earlier entry called {@code target}. */
    public static TarEntry hardlink(String name, String target) {
        return new TarEntry(name, Type.HARDLINK, 0644, 0, 0, 0, Instant.EPOCH, target, 0, 0);
    }

    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, size, mtime, linkName, devMajor, devMinor);
    }

    public TarEntry withMtime(Instant newMtime) {
        return new TarEntry(name, type, mode, uid, gid, size, newMtime, linkName, devMajor, devMinor);
    }

    public TarEntry withMode(int newMode) {
        return new TarEntry(name, type, newMode, uid, gid, size, mtime, linkName, devMajor, devMinor);
    }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor);
    }
}
