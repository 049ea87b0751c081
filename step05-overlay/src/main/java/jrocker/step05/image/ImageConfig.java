package jrocker.step05.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image's config blob: how to run the image (Entrypoint, Cmd, Env, WorkingDir, User), what it runs
 * on (os, architecture) and the digests of its layers' uncompressed content ({@code rootfs.diff_ids}),
 * bottom layer first. OCI and Docker write the same JSON:
 * <pre>
 * {"architecture":"amd64","os":"linux",
 *  "config":{"Env":["PATH=/bin"],"Entrypoint":null,"Cmd":["sh"],"WorkingDir":"/","User":"0"},
 *  "rootfs":{"type":"layers","diff_ids":["sha256:..."]},
 *  "history":[...]}
 * </pre>
 *
 * <p>The whole document is kept, including what jrocker does not use (history, labels, created, ...):
 * {@link #toJson()} writes it all back, changed only where a {@code with...} method changed it, so a
 * commit does not lose what the image's author put there. Values are checked when the config is made,
 * so the accessors cannot fail. A missing Entrypoint, Cmd or Env reads as an empty list, a missing
 * WorkingDir or User as "".
 */
public final class ImageConfig {
    private final Map<String, Object> document;
    private final String os;
    private final String architecture;
    private final String variant;
    private final List<String> entrypoint;
    private final List<String> cmd;
    private final List<String> env;
    private final String workingDir;
    private final String user;
    private final List<Digest> diffIds;

    private ImageConfig(Map<String, Object> document, String name) throws ImageFormatException {
        this.document = document;
        JsonObject json = JsonObject.of(document, name);
        this.os = json.string("os");
        this.architecture = json.string("architecture");
        this.variant = json.optionalString("variant");
        JsonObject config = json.optionalObject("config");
        this.entrypoint = config == null ? List.of() : orEmpty(config.optionalStrings("Entrypoint"));
        this.cmd = config == null ? List.of() : orEmpty(config.optionalStrings("Cmd"));
        this.env = config == null ? List.of() : orEmpty(config.optionalStrings("Env"));
        this.workingDir = config == null ? "" : Objects.requireNonNullElse(config.optionalString("WorkingDir"), "");
        this.user = config == null ? "" : Objects.requireNonNullElse(config.optionalString("User"), "");
        this.diffIds = readDiffIds(json.object("rootfs"));
    }

    /** Parse a config blob; {@code name} says which in messages ("config sha256:... of the OCI layout /x"). */
    public static ImageConfig parse(byte[] json, String name) throws ImageFormatException {
        return new ImageConfig(JsonObject.parse(json, name).map(), name);
    }

    /** A config with nothing but a platform and layers: the start of an image built from scratch. */
    public static ImageConfig of(Platform platform, List<Digest> diffIds) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("architecture", platform.architecture());
        document.put("os", platform.os());
        if (platform.variant() != null) {
            document.put("variant", platform.variant());
        }
        document.put("config", new LinkedHashMap<String, Object>());
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", new ArrayList<Object>());
        document.put("rootfs", rootfs);
        return rebuilt(document).withDiffIds(diffIds);
    }

    private static List<Digest> readDiffIds(JsonObject rootfs) throws ImageFormatException {
        String type = rootfs.string("type");
        if (!type.equals("layers")) {
            throw rootfs.problem("type", "is \"" + type + "\", but the only type is \"layers\"");
        }
        List<String> texts = rootfs.optionalStrings("diff_ids");
        if (texts == null) {
            throw rootfs.problem("diff_ids", "is missing");
        }
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                digests.add(Digest.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw rootfs.problem("diff_ids[" + i + "]", "is not a usable digest: " + e.getMessage());
            }
        }
        return List.copyOf(digests);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public String os() {
        return os;
    }

    public String architecture() {
        return architecture;
    }

    public Platform platform() {
        return new Platform(os, architecture, variant);
    }

    /** The program (and first arguments) a container runs; {@link #cmd()} is appended to it. */
    public List<String> entrypoint() {
        return entrypoint;
    }

    /** The default arguments: the command itself when there is no entrypoint. */
    public List<String> cmd() {
        return cmd;
    }

    /** {@code NAME=value} strings. */
    public List<String> env() {
        return env;
    }

    public String workingDir() {
        return workingDir;
    }

    /** A user name or uid, optionally {@code :group} or {@code :gid}; "" means root. */
    public String user() {
        return user;
    }

    /** The sha256 of each layer's uncompressed tar, bottom layer first. */
    public List<Digest> diffIds() {
        return diffIds;
    }

    public ImageConfig withEntrypoint(List<String> newEntrypoint) {
        return withRunField("Entrypoint", newEntrypoint.isEmpty() ? null : List.copyOf(newEntrypoint));
    }

    public ImageConfig withCmd(List<String> newCmd) {
        return withRunField("Cmd", newCmd.isEmpty() ? null : List.copyOf(newCmd));
    }

    public ImageConfig withEnv(List<String> newEnv) {
        return withRunField("Env", newEnv.isEmpty() ? null : List.copyOf(newEnv));
    }

    public ImageConfig withWorkingDir(String newWorkingDir) {
        return withRunField("WorkingDir", newWorkingDir.isEmpty() ? null : newWorkingDir);
    }

    public ImageConfig withUser(String newUser) {
        return withRunField("User", newUser.isEmpty() ? null : newUser);
    }

    public ImageConfig withDiffIds(List<Digest> newDiffIds) {
        Map<String, Object> copy = toJsonMap();
        List<Object> texts = new ArrayList<>();
        newDiffIds.forEach(digest -> texts.add(digest.toString()));
        rootfsOf(copy).put("diff_ids", texts);
        return rebuilt(copy);
    }

    /** The same config with one more layer on top: what a commit makes. */
    public ImageConfig withLayerAdded(Digest diffId) {
        List<Digest> more = new ArrayList<>(diffIds);
        more.add(diffId);
        return withDiffIds(more);
    }

    /** A deep, changeable copy of the whole document. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toJsonMap() {
        return (Map<String, Object>) Json.copy(document);
    }

    /** The document as compact JSON, for writing a config blob. Its sha256 is the image ID. */
    public byte[] toJson() {
        return Json.write(document).getBytes(StandardCharsets.UTF_8);
    }

    // Entrypoint, Cmd, ... live in the "config" object; a null value removes the key.
    private ImageConfig withRunField(String key, Object value) {
        Map<String, Object> copy = toJsonMap();
        Object config = copy.get("config");
        Map<String, Object> runConfig = config instanceof Map<?, ?> ? cast(config) : new LinkedHashMap<>();
        if (value == null) {
            runConfig.remove(key);
        } else {
            runConfig.put(key, Json.copy(value));
        }
        copy.put("config", runConfig);
        return rebuilt(copy);
    }

    private static Map<String, Object> rootfsOf(Map<String, Object> document) {
        return cast(document.get("rootfs")); // checked to be an object when this config was made
    }

    private static ImageConfig rebuilt(Map<String, Object> document) {
        try {
            return new ImageConfig(document, "a changed image config");
        } catch (ImageFormatException e) {
            throw new IllegalStateException("a with...() method made an invalid config: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageConfig config && document.equals(config.document);
    }

    @Override
    public int hashCode() {
        return document.hashCode();
    }

    /** The JSON document. */
    @Override
    public String toString() {
        return Json.write(document);
    }
}
