package jrocker.step05.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.blob.Compression;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageIndex;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.Platform;

/** Writes OCI image layouts for tests, one blob at a time, so that tests can also break them on purpose. */
final class OciLayoutBuilder {
    static final Platform AMD64 = new Platform("linux", "amd64", null);

    final Path dir;

    OciLayoutBuilder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.write(dir.resolve("oci-layout"), OciLayoutReader.layoutFileContent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path blobPath(Digest digest) {
        return dir.resolve("blobs/sha256/" + digest.hex());
    }

    Descriptor blob(String mediaType, byte[] content) {
        Digest digest = Digest.sha256(content);
        try {
            Files.write(blobPath(digest), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, content.length);
    }

    /** A layer blob: the tar as it is, gzip- or zstd-compressed. */
    Descriptor layer(byte[] tar, Compression compression) {
        return switch (compression) {
            case NONE -> blob(MediaTypes.OCI_LAYER, tar);
            case GZIP -> blob(MediaTypes.OCI_LAYER_GZIP, TarArchive.gzip(tar));
            case ZSTD -> blob(MediaTypes.OCI_LAYER_ZSTD, com.github.luben.zstd.Zstd.compress(tar, 3));
        };
    }

    /** Config and manifest blobs for an image; returns the manifest's descriptor. */
    Descriptor image(ImageConfig config, List<Descriptor> layers) {
        Descriptor configBlob = blob(MediaTypes.OCI_CONFIG, config.toJson());
        Manifest manifest = new Manifest(MediaTypes.OCI_MANIFEST, configBlob, layers, Map.of());
        return blob(MediaTypes.OCI_MANIFEST, manifest.toJson());
    }

    /** An image of the given tars (all compressed the same way), with Cmd ["/bin/sh"]. */
    Descriptor image(Compression compression, byte[]... tars) {
        List<Descriptor> layers = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        for (byte[] tar : tars) {
            layers.add(layer(tar, compression));
            diffIds.add(Digest.sha256(tar));
        }
        return image(ImageConfig.of(AMD64, diffIds).withCmd(List.of("/bin/sh")), layers);
    }

    static Descriptor named(Descriptor descriptor, String refName) {
        Map<String, String> annotations = new LinkedHashMap<>(descriptor.annotations());
        annotations.put(Descriptor.REF_NAME, refName);
        return new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), descriptor.platform(), annotations);
    }

    static Descriptor forPlatform(Descriptor descriptor, Platform platform) {
        return new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), platform, descriptor.annotations());
    }

    /** An image index blob listing {@code manifests}. */
    Descriptor indexBlob(Descriptor... manifests) {
        return blob(MediaTypes.OCI_INDEX, new ImageIndex(MediaTypes.OCI_INDEX, List.of(manifests), Map.of()).toJson());
    }

    /** Write index.json. */
    OciLayoutBuilder index(Descriptor... manifests) {
        try {
            Files.write(dir.resolve("index.json"), new ImageIndex(null, List.of(manifests), Map.of()).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
