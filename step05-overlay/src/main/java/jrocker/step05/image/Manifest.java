package jrocker.step05.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: the config blob and the layer blobs, bottom layer first. It is what a tag points
 * to, and its own digest is the only name an image needs: through it every byte of the image is fixed.
 * The components are named as the OCI image spec names the fields, so the record maps to the JSON as it is.
 *
 * @param schemaVersion always 2 (Docker's schema 1 manifests are refused before they get here)
 * @param mediaType     the manifest's own {@code mediaType} field; null when absent (OCI allows that)
 */
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                       Map<String, String> annotations) {

    public Manifest {
        Json.required(config, "config");
        layers = List.copyOf(Json.required(layers, "layers"));
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public Manifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        this(2, mediaType, config, layers, annotations);
    }

    /** Parse a manifest blob; {@code document} names it in messages ("manifest sha256:... of /x"). */
    public static Manifest parse(byte[] json, String document) throws ImageException {
        Map<String, Object> fields = Json.readObject(json, document);
        checkSchemaVersion(fields, document);
        if (fields.get("manifests") != null) {
            throw new ImageFormatException(document + " is an image index, not an image manifest");
        }
        return Json.read(json, Manifest.class, document);
    }

    /** Manifests and indexes both say {@code "schemaVersion": 2}; 1 is Docker's old, unsigned-or-signed format. */
    static void checkSchemaVersion(Map<String, Object> fields, String document) throws ImageException {
        Object version = fields.get("schemaVersion");
        if (version == null) {
            throw new ImageFormatException(document + ": \"schemaVersion\" is missing");
        }
        if (!(version instanceof Integer)) {
            throw new ImageFormatException(document + ": \"schemaVersion\" must be a whole number, not " + Json.kind(version));
        }
        if (version.equals(1)) {
            throw new UnsupportedMediaTypeException(document + " is a Docker schema 1 manifest, which"
                    + " jrocker does not read: convert the image, e.g. skopeo copy --format oci SRC DEST");
        }
        if (!version.equals(2)) {
            throw new ImageFormatException(document + ": \"schemaVersion\" is " + version + ", but jrocker reads version 2");
        }
    }

    /** The JSON form (compact), for writing a manifest blob. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
