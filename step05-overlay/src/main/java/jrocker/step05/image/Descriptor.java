package jrocker.step05.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Json.required(mediaType, "mediaType");
        Json.required(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("\"size\" cannot be negative: " + size);
        }
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    /** The image's name in an OCI layout (the {@value #REF_NAME} annotation), or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }
}
