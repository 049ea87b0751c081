package jrocker.step05.walls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.Json;

/**
 * A container's walls as its flags ask for them, checked: its capabilities, {@code --privileged},
 * no_new_privs, its seccomp profile and the user it runs as. {@link #applyWalls} turns them into the init's
 * last stage. Kept in the container's directory ({@link #write}), so that {@code exec} puts up the same walls.
 *
 * @param capabilities    the container's capabilities (docker's 14, changed by --cap-add/--cap-drop)
 * @param privileged      --privileged: every capability, no seccomp filter, no device rules, /sys writable
 * @param noNewPrivileges --security-opt no-new-privileges
 * @param seccompProfile  the profile's JSON text, "" for jrocker's default, {@link #UNCONFINED} for no filter
 * @param user            --user, else the image's User ("" for root)
 */
public record WallSettings(CapabilitySet capabilities, boolean privileged, boolean noNewPrivileges, String seccompProfile,
                           String user) {
    public static final String UNCONFINED = "unconfined";
    private static final String FILE = "walls.json";

    /** docker's defaults, for a container whose directory has no settings (one started by an older jrocker). */
    public static final WallSettings DEFAULT = new WallSettings(CapabilitySet.DOCKER_DEFAULT, false, false, "", "");

    /** The same settings with {@code user}. */
    public WallSettings withUser(String newUser) {
        return new WallSettings(capabilities, privileged, noNewPrivileges, seccompProfile, newUser);
    }

    // tag::build-walls[]
    /**
     * The init's last stage for these settings, with the user resolved against the container's {@code passwd}
     * and {@code group} files (their text, "" when absent): the capabilities this kernel can give, and the
     * seccomp program, built here (or read back: {@link SeccompCache}).
     *
     * @throws IllegalArgumentException for an unknown user or a profile libseccomp refuses
     */
    public ApplyWalls applyWalls(DataRoot dataRoot, String passwd, String group) {
        ContainerUser resolved = ContainerUser.resolve(user, passwd, group);
        CapabilitySet bounding = HostCapabilities.boundingSet();
        CapabilitySet granted = privileged ? bounding : capabilities.within(bounding);
        String program = "";
        if (!privileged && !seccompProfile.equals(UNCONFINED)) {
            String text = seccompProfile.isEmpty() ? SeccompProfile.defaultProfileText() : seccompProfile;
            String arch = SeccompProfile.dockerArch();
            String kernel = HostCapabilities.kernelRelease();
            byte[] bpf = SeccompCache.program(dataRoot.path().resolve("seccomp"), text, granted, arch, kernel, () -> {
                return SeccompProfile.parse(text).compile(granted, arch, kernel);
            });
            program = Base64.getEncoder().encodeToString(bpf);
        }
        return new ApplyWalls(privileged, granted.mask(), HostCapabilities.lastCapability(), resolved.uid(),
                resolved.gid(), resolved.groups(), noNewPrivileges, program);
    }
    // end::build-walls[]

    /** Write these settings into the container's directory. */
    public void write(Path containerDirectory) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("capabilities", capabilities.hex());
        json.put("privileged", privileged);
        json.put("noNewPrivileges", noNewPrivileges);
        json.put("seccompProfile", seccompProfile);
        json.put("user", user);
        Path temporary = containerDirectory.resolve(FILE + ".tmp");
        Files.write(temporary, Json.write(json));
        Files.move(temporary, containerDirectory.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The settings {@link #write} kept in {@code containerDirectory}, or {@link #DEFAULT}. */
    @SuppressWarnings("unchecked")
    public static WallSettings read(Path containerDirectory) throws IOException {
        Path file = containerDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        Map<String, Object> json = (Map<String, Object>) Json.readValue(Files.readAllBytes(file), file.toString());
        return new WallSettings(CapabilitySet.fromHex((String) json.get("capabilities")), (Boolean) json.get("privileged"),
                (Boolean) json.get("noNewPrivileges"), (String) json.get("seccompProfile"), (String) json.get("user"));
    }

    /**
     * The text of {@code relative} (e.g. etc/passwd) in the first of {@code rootsTopFirst} that has it (an image's
     * layers, top first, or a single root); "" when the first that has it holds no regular file there (a
     * whiteout, a symlink: never followed, it could point at a host file) or none has it.
     */
    public static String readContainerFile(List<Path> rootsTopFirst, String relative) throws IOException {
        for (Path root : rootsTopFirst) {
            Path file = root.resolve(relative);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file.getParent())) {
                    return "";
                }
                return Files.readString(file);
            }
        }
        return "";
    }
}
