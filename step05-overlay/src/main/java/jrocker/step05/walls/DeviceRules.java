package jrocker.step05.walls;

import java.util.List;

// tag::device-rules[]
/**
 * Which devices a container may use: a cgroup's device allow-list, docker's default. Making a device node
 * needs only CAP_MKNOD, which containers keep (image layers contain device nodes); using it is what the
 * cgroup decides. So a container may mknod any device (the {@code m} rules) but open only these, whatever
 * nodes it makes: the memory devices, terminals, and the tun device. Never a disk.
 */
public final class DeviceRules {
    /** One rule: {@code type} c, b or a (all); major and minor, -1 for any ({@code *}); access r, w, m. */
    public record Rule(char type, int major, int minor, String access) {
        /** As devices.allow takes it: {@code c 1:3 rwm}, {@code b *:* m}. */
        public String line() {
            return type + " " + number(major) + ":" + number(minor) + " " + access;
        }

        private static String number(int number) {
            return number < 0 ? "*" : Integer.toString(number);
        }
    }

    /** docker's (runc's) default allow-list. */
    public static final List<Rule> DOCKER_DEFAULT = List.of(
            new Rule('c', -1, -1, "m"), new Rule('b', -1, -1, "m"),   // mknod of anything, opening of nothing else
            new Rule('c', 1, 3, "rwm"), new Rule('c', 1, 5, "rwm"),   // null, zero
            new Rule('c', 1, 7, "rwm"), new Rule('c', 1, 8, "rwm"),   // full, random
            new Rule('c', 1, 9, "rwm"), new Rule('c', 5, 0, "rwm"),   // urandom, tty
            new Rule('c', 5, 1, "rwm"), new Rule('c', 5, 2, "rwm"),   // console, ptmx
            new Rule('c', 136, -1, "rwm"),                            // the pty slaves, /dev/pts/N
            new Rule('c', 10, 200, "rwm"));                           // tun

    private DeviceRules() {
    }

    /**
     * Whether {@code rules} let a process do {@code access} (one of r, w, m) on device {@code type major:minor}:
     * what the kernel asks at every open(2) and mknod(2) of a device node in the container.
     */
    public static boolean allows(List<Rule> rules, char type, int major, int minor, char access) {
        // tag::exercise-device-rule[]
        for (Rule rule : rules) {
            boolean typeMatches = rule.type() == 'a' || rule.type() == type;
            boolean majorMatches = rule.major() < 0 || rule.major() == major;
            boolean minorMatches = rule.minor() < 0 || rule.minor() == minor;
            if (typeMatches && majorMatches && minorMatches && rule.access().indexOf(access) >= 0) {
                return true;
            }
        }
        return false;
        // end::exercise-device-rule[]
    }
}
// end::device-rules[]
