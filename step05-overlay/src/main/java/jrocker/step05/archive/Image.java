package jrocker.step05.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.UnsupportedMediaTypeException;

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

    /** Where a layer's blob comes from: checked (exists, right size) and opened lazily. */
    @FunctionalInterface
    public interface LayerBlobs {
        LayerSource.BlobOpener blob(int number, Descriptor layer) throws java.io.IOException;
    }

    /** A manifest's config must be an image config: anything else is an OCI artifact, not an image. */
    public static void checkConfigType(Descriptor config, String document) throws UnsupportedMediaTypeException {
        if (!MediaTypes.isConfig(config.mediaType())) {
            throw new UnsupportedMediaTypeException(document + " has a config of media type "
                    + config.mediaType() + ": it is not a container image (an OCI artifact?)");
        }
    }

    /**
     * The image a manifest describes, its config blob read already: the config's diff IDs must match the
     * layers one for one, and every layer must have a media type jrocker unpacks. {@code origin} names where
     * it comes from in messages ("the OCI layout /x", "localhost:5000/app").
     */
    public static Image of(Manifest manifest, String document, byte[] configJson, String origin, List<String> names,
            LayerBlobs blobs) throws java.io.IOException {
        Descriptor configDescriptor = manifest.config();
        checkConfigType(configDescriptor, document);
        ImageConfig config = ImageConfig.parse(configJson, "config " + configDescriptor.digest() + " of " + origin);
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new ImageFormatException(document + " lists " + manifest.layers().size() + " layers, but its config "
                    + configDescriptor.digest() + " lists " + diffIds.size() + " diff_ids: the image is inconsistent");
        }
        List<LayerSource> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            int number = i + 1;
            Descriptor descriptor = manifest.layers().get(i);
            Compression compression = Compression.ofLayerMediaType(descriptor.mediaType());
            if (compression == null) {
                throw new UnsupportedMediaTypeException("layer " + number + " of " + origin + " has media type "
                        + descriptor.mediaType() + ", which jrocker cannot unpack (it reads tar, tar+gzip and tar+zstd layers)");
            }
            Layer layer = new Layer(number, descriptor.digest(), descriptor.size(), descriptor.mediaType(), compression,
                    diffIds.get(i));
            layers.add(new LayerSource(layer, blobs.blob(number, descriptor), origin));
        }
        return new Image(configDescriptor.digest(), configJson, config, layers, names);
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
