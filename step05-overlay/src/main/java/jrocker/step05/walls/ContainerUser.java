package jrocker.step05.walls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the container's command runs as: docker's {@code --user} (or the image's {@code User}) resolved against
 * the container's own /etc/passwd and /etc/group, never the host's: a name means what the image says it means.
 *
 * @param uid    the user ID
 * @param gid    the primary group ID
 * @param groups the supplementary groups: each group of /etc/group that lists the user by name (docker's rule)
 */
public record ContainerUser(int uid, int gid, List<Integer> groups) {
    public static final ContainerUser ROOT = new ContainerUser(0, 0, List.of());

    public ContainerUser {
        groups = List.copyOf(groups);
    }

    // tag::resolve-user[]
    /**
     * Resolve {@code spec}: {@code ""} (root), {@code NAME}, {@code UID}, {@code NAME:GROUP}, {@code UID:GID},
     * mixed as you like. A name must exist in {@code passwd} (or {@code group}); a number need not, as in docker:
     * its group is then 0 unless given. {@code passwd} and {@code group} are the files' text, empty when absent.
     *
     * @throws IllegalArgumentException for an unknown name or a malformed spec
     */
    public static ContainerUser resolve(String spec, String passwd, String group) {
        String userPart = spec.isEmpty() ? "0" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
            if (userPart.isEmpty() || groupPart.isEmpty()) {
                throw new IllegalArgumentException("invalid user \"" + spec + "\": use USER, USER:GROUP, UID or UID:GID");
            }
        }
        Optional<String[]> account = find(passwd, userPart, 7);
        int uid;
        int gid = 0;
        String name = null;
        if (account.isPresent()) {
            uid = number(account.get()[2], "uid in /etc/passwd");
            gid = number(account.get()[3], "gid in /etc/passwd");
            name = account.get()[0];
        } else if (isNumber(userPart)) {
            uid = number(userPart, "uid");
        } else {
            throw new IllegalArgumentException("unable to find user " + userPart + ": no matching entries in the"
                    + " container's /etc/passwd");
        }
        if (groupPart != null) {
            Optional<String[]> named = find(group, groupPart, 4);
            if (named.isPresent()) {
                gid = number(named.get()[2], "gid in /etc/group");
            } else if (isNumber(groupPart)) {
                gid = number(groupPart, "gid");
            } else {
                throw new IllegalArgumentException("unable to find group " + groupPart + ": no matching entries in the"
                        + " container's /etc/group");
            }
        }
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (name != null) {
            for (String line : group.split("\n")) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 4 && List.of(fields[3].split(",")).contains(name) && isNumber(fields[2])) {
                    supplementary.add(number(fields[2], "gid in /etc/group"));
                }
            }
        }
        if (groupPart != null) {
            supplementary.clear(); // docker: an explicit group replaces the user's groups
        }
        return new ContainerUser(uid, gid, new ArrayList<>(supplementary));
    }
    // end::resolve-user[]

    /** The line of {@code file} whose first field is {@code key}, or, if {@code key} is a number, whose third is. */
    private static Optional<String[]> find(String file, String key, int fields) {
        for (String line : file.split("\n")) {
            String[] parts = line.split(":", -1);
            if (parts.length >= fields - 1 && !line.startsWith("#") && parts[0].equals(key)) {
                return Optional.of(parts);
            }
        }
        if (isNumber(key)) {
            for (String line : file.split("\n")) {
                String[] parts = line.split(":", -1);
                if (parts.length >= fields - 1 && !line.startsWith("#") && parts[2].equals(key)) {
                    return Optional.of(parts);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int number(String text, String what) {
        if (!isNumber(text)) {
            throw new IllegalArgumentException("not a valid " + what + ": \"" + text + "\"");
        }
        long value = Long.parseLong(text);
        if (value > 0xfffffffeL || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " out of range: " + text);
        }
        return (int) value;
    }
}
