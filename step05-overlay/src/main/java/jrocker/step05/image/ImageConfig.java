package jrocker.step05.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>What jrocker uses is mapped to the records {@link Fields}, {@link RunConfig} and {@link RootFs}. The whole
 * document is kept too, including what jrocker does not use (history, labels, created, ...): {@link #toJson()}
 * writes it all back, changed only where a {@code with...} method changed it, so a commit does not lose what
 * the image's author put there. Values are checked when the config is made, so the accessors cannot fail. A
 * missing Entrypoint, Cmd or Env reads as an empty list, a missing WorkingDir or User as "".
 */
public final class ImageConfig {
    /** The fields of the config blob that jrocker uses. */
    public record Fields(String os, String architecture, String variant, RunConfig config, RootFs rootfs) {
        public Fields {
            Json.required(os, "os");
            Json.required(architecture, "architecture");
            Json.required(rootfs, "rootfs");
            config = config == null ? new RunConfig(null, null, null, null, null) : config;
        }
    }

    /** How a container of the image runs. Docker spells the fields "Entrypoint", "Cmd", ...: see {@link Json}. */
    public record RunConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user) {
        public RunConfig {
            entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint); // docker writes "Entrypoint": null
            cmd = cmd == null ? List.of() : List.copyOf(cmd);
            env = env == null ? List.of() : List.copyOf(env);
            workingDir = workingDir == null ? "" : workingDir;
            user = user == null ? "" : user;
        }
    }

    /**
     * The layers, as the digests of their uncompressed tars. The component is named {@code diff_ids}, as the
     * OCI spec spells the field, because a record component maps to the JSON field of its name.
     */
    public record RootFs(String type, List<Digest> diff_ids) {
        public RootFs {
            Json.required(type, "type");
            if (!type.equals("layers")) {
                throw new IllegalArgumentException("\"type\" is \"" + type + "\", but the only type is \"layers\"");
            }
            diff_ids = List.copyOf(Json.required(diff_ids, "diff_ids"));
        }
    }

    private final Map<String, Object> document;
    private final Fields fields;

    private ImageConfig(Map<String, Object> document, Fields fields) {
        this.document = document;
        this.fields = fields;
    }

    /** Parse a config blob; {@code name} says which in messages ("config sha256:... of the OCI layout /x"). */
    public static ImageConfig parse(byte[] json, String name) throws ImageFormatException {
        Map<String, Object> document = Json.readObject(json, name);
        return new ImageConfig(document, Json.read(json, Fields.class, name));
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

    public String os() {
        return fields.os();
    }

    public String architecture() {
        return fields.architecture();
    }

    public Platform platform() {
        return new Platform(fields.os(), fields.architecture(), fields.variant());
    }

    /** The program (and first arguments) a container runs; {@link #cmd()} is appended to it. */
    public List<String> entrypoint() {
        return fields.config().entrypoint();
    }

    /** The default arguments: the command itself when there is no entrypoint. */
    public List<String> cmd() {
        return fields.config().cmd();
    }

    /** {@code NAME=value} strings. */
    public List<String> env() {
        return fields.config().env();
    }

    public String workingDir() {
        return fields.config().workingDir();
    }

    /** A user name or uid, optionally {@code :group} or {@code :gid}; "" means root. */
    public String user() {
        return fields.config().user();
    }

    /** The sha256 of each layer's uncompressed tar, bottom layer first. */
    public List<Digest> diffIds() {
        return fields.rootfs().diff_ids();
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
        cast(copy.get("rootfs")).put("diff_ids", newDiffIds.stream().map(Digest::toString).toList());
        return rebuilt(copy);
    }

    /** The same config with one more layer on top: what a commit makes. */
    public ImageConfig withLayerAdded(Digest diffId) {
        List<Digest> more = new ArrayList<>(diffIds());
        more.add(diffId);
        return withDiffIds(more);
    }

    /** A deep, changeable copy of the whole document. */
    public Map<String, Object> toJsonMap() {
        return Json.copy(document);
    }

    /** The document as compact JSON, for writing a config blob. Its sha256 is the image ID. */
    public byte[] toJson() {
        return Json.write(document);
    }

    // Entrypoint, Cmd, ... live in the "config" object; a null value removes the key.
    private ImageConfig withRunField(String key, Object value) {
        Map<String, Object> copy = toJsonMap();
        Object config = copy.get("config");
        Map<String, Object> runConfig = config instanceof Map<?, ?> ? cast(config) : new LinkedHashMap<>();
        if (value == null) {
            runConfig.remove(key);
        } else {
            runConfig.put(key, value);
        }
        copy.put("config", runConfig);
        return rebuilt(copy);
    }

    private static ImageConfig rebuilt(Map<String, Object> document) {
        try {
            return parse(Json.write(document), "a changed image config");
        } catch (ImageFormatException e) {
            throw new IllegalStateException("a with...() method made an invalid config: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map; // checked to be an object when this config was made
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
        return new String(toJson(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
