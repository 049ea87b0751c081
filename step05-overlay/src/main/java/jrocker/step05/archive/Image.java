package jrocker.step05.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;

/**
 * An image read from an archive: its config and its layers, bottom first. Its ID is the digest of its
 * config blob, as with docker: the config lists the layers' diff IDs, so the ID fixes the whole content
 * of the root file system and how it runs.
 *
 * @param configJson the config blob's exact bytes: store these (not {@code config.toJson()}, which may
 *                   format differently), or the image ID changes
 * @param names      what the archive calls the image: RepoTags of a {@code docker save}
 *                   ({@code busybox:latest}), the {@code org.opencontainers.image.ref.name} annotations of an
 *                   OCI layout (often just a tag: {@code 1.36}); empty if it has none
 */
public record Image(Digest id, byte[] configJson, ImageConfig config, List<LayerSource> layers, List<String> names) {

    public Image {
        configJson = configJson.clone();
        layers = List.copyOf(layers);
        names = List.copyOf(names);
        if (layers.size() != config.diffIds().size()) {
            throw new IllegalArgumentException("image " + id + " has " + layers.size() + " layers but its config lists "
                    + config.diffIds().size() + " diff IDs");
        }
    }

    @Override
    public byte[] configJson() {
        return configJson.clone();
    }

    /** An OCI manifest for this image, e.g. to store it in an OCI layout. */
    public Manifest manifest() {
        List<Descriptor> layerDescriptors = new ArrayList<>();
        for (LayerSource source : layers) {
            Layer layer = source.layer();
            layerDescriptors.add(new Descriptor(layer.mediaType(), layer.digest(), layer.size()));
        }
        return new Manifest(MediaTypes.OCI_MANIFEST, new Descriptor(MediaTypes.OCI_CONFIG, id, configJson.length),
                layerDescriptors, Map.of());
    }

    @Override
    public String toString() {
        return "image " + id + " " + names + " (" + layers.size() + " layers)";
    }
}
