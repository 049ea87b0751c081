package jrocker.step05.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pointer to a blob, as manifests and indexes hold them: what it is (media type), its name (digest)
 * and its size. The size is part of the contract: a reader can refuse a blob that grows past it, and
 * size it buffers before reading.
 *
 * @param platform    for the entries of a multi-platform index; null elsewhere
 * @param annotations free-form strings; in index.json, {@value #REF_NAME} holds the image's name (its tag)
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform,
                         Map<String, String> annotations) {
    /** The annotation that names an image in an OCI layout's index.json, usually just a tag ("1.36"). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor " + digest + ": size cannot be negative: " + size);
        }
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations)); // keeps the order
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    static Descriptor read(JsonObject json) throws ImageFormatException {
        long size = json.number("size");
        if (size < 0) {
            throw json.problem("size", "cannot be negative: " + size);
        }
        JsonObject platform = json.optionalObject("platform");
        return new Descriptor(json.string("mediaType"), json.digest("digest"), size,
                platform == null ? null : new Platform(platform.string("os"), platform.string("architecture"),
                        platform.optionalString("variant")),
                json.stringMap("annotations"));
    }

    /** The image's name in an OCI layout (the {@value #REF_NAME} annotation), or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }

    /** The JSON form, for writing manifests and indexes. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", mediaType);
        json.put("digest", digest.toString());
        json.put("size", size);
        if (platform != null) {
            Map<String, Object> platformJson = new LinkedHashMap<>();
            platformJson.put("architecture", platform.architecture());
            platformJson.put("os", platform.os());
            if (platform.variant() != null) {
                platformJson.put("variant", platform.variant());
            }
            json.put("platform", platformJson);
        }
        if (!annotations.isEmpty()) {
            json.put("annotations", new LinkedHashMap<String, Object>(annotations));
        }
        return json;
    }
}
