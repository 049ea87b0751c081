package jrocker.step05.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: the config blob and the layer blobs, bottom layer first. It is what a tag points
 * to, and its own digest is the only name an image needs: through it every byte of the image is fixed.
 *
 * @param mediaType the manifest's own {@code mediaType} field; null when absent (OCI allows that)
 */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {

    public Manifest {
        layers = List.copyOf(layers);
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** Parse a manifest blob; {@code document} names it in messages ("manifest sha256:... of /x"). */
    public static Manifest parse(byte[] json, String document) throws ImageException {
        JsonObject manifest = JsonObject.parse(json, document);
        checkSchemaVersion(manifest);
        if (manifest.has("manifests")) {
            throw new ImageFormatException(document + " is an image index, not an image manifest");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonObject layer : manifest.objects("layers")) {
            layers.add(Descriptor.read(layer));
        }
        return new Manifest(manifest.optionalString("mediaType"), Descriptor.read(manifest.object("config")),
                layers, manifest.stringMap("annotations"));
    }

    static void checkSchemaVersion(JsonObject document) throws ImageException {
        long version = document.number("schemaVersion");
        if (version == 1) {
            throw new UnsupportedMediaTypeException(document.document() + " is a Docker schema 1 manifest, which"
                    + " jrocker does not read: convert the image, e.g. skopeo copy --format oci SRC DEST");
        }
        if (version != 2) {
            throw document.problem("schemaVersion", "is " + version + ", but jrocker reads version 2");
        }
    }

    /** The JSON form (compact), for writing a manifest blob. */
    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", 2L);
        if (mediaType != null) {
            json.put("mediaType", mediaType);
        }
        json.put("config", config.toJson());
        List<Object> layerList = new ArrayList<>();
        layers.forEach(layer -> layerList.add(layer.toJson()));
        json.put("layers", layerList);
        if (!annotations.isEmpty()) {
            json.put("annotations", new LinkedHashMap<String, Object>(annotations));
        }
        return Json.writeBytes(json);
    }
}
