package jrocker.step01.container;

/**
 * What {@code --hostname} accepts: docker's rule, which is RFC 1123's. Labels of ASCII letters, digits and
 * '-', joined by dots; a label neither starts nor ends with '-'; at most 63 characters in all (Linux allows
 * 64 bytes, RFC 1123 and Windows 63, and docker takes the smaller). A space or a '/' in a hostname is
 * accepted by sethostname(2) and breaks the programs that read it back.
 */
public final class Hostname {
    /** The longest hostname docker accepts. */
    public static final int MAX_LENGTH = 63;

    private Hostname() {
    }

    // tag::hostname[]
    /** Whether {@code name} is a hostname docker would accept. */
    public static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) { // -1: "a." and "a..b" have an empty label
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean asciiLetterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!asciiLetterOrDigit && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }
    // end::hostname[]

    /** {@code name}, or a one-line error (exit 125) saying what a hostname may be. */
    public static String check(String name) {
        if (!isValid(name)) {
            throw ContainerException.runtime("invalid hostname format: " + name + " (letters, digits and '-' in"
                    + " dot-separated labels, no label starting or ending with '-', at most " + MAX_LENGTH + " characters)");
        }
        return name;
    }
}
