package jrocker.step05.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image index: a list of manifests (or further indexes). An OCI layout's {@code index.json} is one,
 * listing the layout's images by name; a multi-platform image is another, listing one manifest per
 * platform. Docker calls the second kind a "manifest list".
 *
 * @param schemaVersion always 2
 */
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

    public ImageIndex {
        manifests = List.copyOf(Json.required(manifests, "manifests"));
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
        this(2, mediaType, manifests, annotations);
    }

    /** Parse an index; {@code document} names it in messages ("index.json of the OCI layout /x"). */
    public static ImageIndex parse(byte[] json, String document) throws ImageException {
        Map<String, Object> fields = Json.readObject(json, document);
        Manifest.checkSchemaVersion(fields, document);
        if (fields.get("layers") != null || fields.get("config") != null) {
            throw new ImageFormatException(document + " is an image manifest, not an image index");
        }
        return Json.read(json, ImageIndex.class, document);
    }

    /**
     * The entry for {@code platform}: the first whose platform matches, or the only entry when none names a
     * platform. None: an error that lists the platforms there are. {@code where} names the index in it
     * ("the image index sha256:... in the OCI layout /x").
     */
    public Descriptor forPlatform(Platform platform, String where) throws NoSuchImageException {
        for (Descriptor entry : manifests) {
            if (entry.platform() != null && platform.matches(entry.platform())) {
                return entry;
            }
        }
        if (manifests.size() == 1 && manifests.get(0).platform() == null) {
            return manifests.get(0);
        }
        List<String> available = manifests.stream()
                .map(entry -> entry.platform() == null ? "unknown" : entry.platform().toString()).distinct().toList();
        throw new NoSuchImageException(where + " has no image for " + platform + " (it has: "
                + ImageNames.list(available) + ")");
    }

    /** The JSON form (compact), e.g. for writing an OCI layout's index.json. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
