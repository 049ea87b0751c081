package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step05.walls.CapabilitySet;
import jrocker.step05.walls.SeccompProfile;
import jrocker.step05.walls.WallSettings;
import picocli.CommandLine.Option;

/**
 * docker's security flags, as a group of options that {@code run} mixes in: capabilities, --privileged,
 * --security-opt (seccomp, no-new-privileges) and --user. {@link #settings} checks them all before anything
 * is created: a bad value is one line and exit code 125.
 */
public class SecurityOptions {
    @Option(names = "--cap-add", paramLabel = "CAP", split = ",",
            description = "Add a capability (e.g. NET_ADMIN or CAP_SYS_TIME, any case; ALL for every one).")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", split = ",",
            description = "Drop a capability from docker's default 14 (ALL for every one).")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged",
            description = "Give the container every capability, no seccomp filter, every device, and a writable /sys.")
    boolean privileged;

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "seccomp=unconfined, seccomp=PROFILE.json (docker's format) or no-new-privileges.")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "Run as this user (a name from the container's /etc/passwd, or a UID), and group.")
    String user;

    /**
     * The settings the flags ask for; the user is {@code --user}, else {@code imageUser}.
     *
     * @throws ContainerException (exit code 125) for an unknown capability, an unknown or malformed
     *                            --security-opt, an unreadable or invalid profile
     */
    public WallSettings settings(String imageUser) {
        CapabilitySet capabilities;
        try {
            capabilities = CapabilitySet.fromFlags(CapabilitySet.DOCKER_DEFAULT, capAdd, capDrop);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime(e.getMessage());
        }
        String seccomp = "";
        boolean noNewPrivileges = false;
        for (String option : securityOpts) {
            String[] keyValue = option.split("[=:]", 2);
            switch (keyValue[0]) {
                case "no-new-privileges" -> noNewPrivileges = keyValue.length == 1 || booleanValue(option, keyValue[1]);
                case "seccomp" -> seccomp = keyValue.length == 2 ? profile(keyValue[1]) : invalid(option);
                default -> invalid(option);
            }
        }
        return new WallSettings(capabilities, privileged, noNewPrivileges, seccomp, user != null ? user : imageUser);
    }

    /** "unconfined", or the text of the profile file, checked. */
    private static String profile(String value) {
        if (value.equals(WallSettings.UNCONFINED)) {
            return value;
        }
        String text;
        try {
            text = Files.readString(Path.of(value));
        } catch (java.nio.file.NoSuchFileException e) {
            throw ContainerException.runtime("cannot read the seccomp profile " + value + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw ContainerException.runtime("cannot read the seccomp profile " + value + ": permission denied");
        } catch (IOException | RuntimeException e) {
            throw ContainerException.runtime("cannot read the seccomp profile " + value + ": " + e.getMessage());
        }
        try {
            SeccompProfile.parse(text);
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime("invalid seccomp profile " + value + ": " + e.getMessage());
        }
        return text;
    }

    private static boolean booleanValue(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ContainerException.runtime("invalid --security-opt " + option + ": true or false");
        };
    }

    private static String invalid(String option) {
        throw ContainerException.runtime("invalid --security-opt \"" + option
                + "\": jrocker knows seccomp=unconfined, seccomp=PROFILE.json and no-new-privileges");
    }
}
