package jrocker.step01.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The mount table of a mount namespace, read from {@code /proc/PID/mountinfo} (see proc(5)). Each
 * mount namespace has its own table: that is how a test proves a mount made in a container is
 * invisible on the host.
 */
public record MountTable(List<Mount> mounts) {

    /** One line of mountinfo. {@code options} are the per-mount options (rw, nosuid, ...). */
    public record Mount(int id, int parentId, String root, String mountPoint, List<String> options,
                        List<String> optionalFields, String fsType, String source, List<String> superOptions) {

        /** True when the mount propagates events to peers ("shared:N" in the optional fields). */
        public boolean isShared() {
            return optionalFields.stream().anyMatch(field -> field.startsWith("shared:"));
        }
    }

    public MountTable {
        mounts = List.copyOf(mounts);
    }

    /** The table of the calling process' mount namespace. */
    public static MountTable current() {
        return read(Path.of("/proc/self/mountinfo"));
    }

    public static MountTable read(Path mountinfo) {
        try {
            return parse(Files.readString(mountinfo));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mountinfo, e);
        }
    }

    /** Parse mountinfo text: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}. */
    public static MountTable parse(String mountinfo) {
        // tag::exercise-mount-table[]
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(" ");
            int separator = Arrays.asList(fields).indexOf("-");
            if (separator < 6 || fields.length < separator + 3) {
                throw new IllegalArgumentException("not a mountinfo line: " + line);
            }
            mounts.add(new Mount(
                    Integer.parseInt(fields[0]),
                    Integer.parseInt(fields[1]),
                    unescape(fields[3]),
                    unescape(fields[4]),
                    List.of(fields[5].split(",")),
                    List.of(Arrays.copyOfRange(fields, 6, separator)),
                    fields[separator + 1],
                    unescape(fields[separator + 2]),
                    separator + 3 < fields.length ? List.of(fields[separator + 3].split(",")) : List.of()));
        }
        return new MountTable(mounts);
        // end::exercise-mount-table[]
    }

    /** The mounts of type {@code fsType}, in table order. */
    public List<Mount> ofType(String fsType) {
        return mounts.stream().filter(mount -> mount.fsType().equals(fsType)).toList();
    }

    /** The last (topmost) mount at {@code mountPoint}, if any. */
    public Optional<Mount> at(String mountPoint) {
        Mount found = null;
        for (Mount mount : mounts) {
            if (mount.mountPoint().equals(mountPoint)) {
                found = mount;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The mount points, in table order. */
    public List<String> mountPoints() {
        return mounts.stream().map(Mount::mountPoint).toList();
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes such as {@code \040}. */
    static String unescape(String field) {
        // tag::exercise-mount-table[]
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1, 3)) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
        // end::exercise-mount-table[]
    }

    private static boolean isOctal(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
