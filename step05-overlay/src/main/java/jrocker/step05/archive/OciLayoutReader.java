package jrocker.step05.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageIndex;
import jrocker.step05.image.ImageNames;
import jrocker.step05.image.Json;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.NoSuchImageException;
import jrocker.step05.image.Platform;
import jrocker.step05.image.UnsupportedMediaTypeException;

/**
 * Reads an OCI image layout: the format {@code umoci}, {@code skopeo copy ... oci:DIR:TAG} and
 * {@code docker buildx --output type=oci} write.
 * <pre>
 *   oci-layout                {"imageLayoutVersion": "1.0.0"}
 *   index.json                the images: descriptors of manifests (or indexes), named by annotation
 *   blobs/sha256/&lt;hex&gt;       everything else, each file named by the sha256 of its content
 * </pre>
 * From {@code index.json} to a manifest, to the config and the layers, every step goes through a
 * descriptor (media type, digest, size), and every blob is checked against it: JSON blobs when read,
 * layers when streamed ({@link LayerSource}); a missing layer blob or one of the wrong size fails here
 * already.
 *
 * <p><b>Multi-platform images (a decision).</b> When a descriptor leads to an image index (a
 * "manifest list"), the manifest for this machine's platform is chosen ({@link Platform#current()}:
 * jrocker runs programs natively, so an arm64 image is no use on amd64), or the one given to
 * {@link #forPlatform}. Indexes may nest (an index of indexes), up to {@value #MAX_INDEX_DEPTH} deep. An
 * index whose entries carry no platform at all and has exactly one entry is taken as it is.
 */
public final class OciLayoutReader implements ImageArchive {
    public static final String OCI_LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    static final int MAX_INDEX_DEPTH = 4;

    /** The {@code oci-layout} file: {@code {"imageLayoutVersion": "1.0.0"}}. */
    record LayoutFile(String imageLayoutVersion) {
        LayoutFile {
            Json.required(imageLayoutVersion, "imageLayoutVersion");
        }
    }

    private final ArchiveFiles files;
    private final Platform platform;

    /** Read the OCI layout in directory {@code layout}. */
    public OciLayoutReader(Path layout) {
        this(new LayoutDirectory(layout, "the OCI layout " + layout), Platform.current());
    }

    OciLayoutReader(ArchiveFiles files) {
        this(files, Platform.current());
    }

    private OciLayoutReader(ArchiveFiles files, Platform platform) {
        this.files = files;
        this.platform = platform;
    }

    /** The same layout, choosing {@code wanted} in multi-platform indexes instead of this machine's platform. */
    public OciLayoutReader forPlatform(Platform wanted) {
        return new OciLayoutReader(files, wanted);
    }

    @Override
    public String description() {
        return files.description();
    }

    @Override
    public List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        for (Descriptor descriptor : index().manifests()) {
            if (descriptor.refName() != null && !names.contains(descriptor.refName())) {
                names.add(descriptor.refName());
            }
        }
        return names;
    }

    /** One image per manifest that index.json lists; a manifest listed under several names is one image. */
    @Override
    public List<Image> images() throws IOException {
        Map<Digest, List<Descriptor>> byDigest = new LinkedHashMap<>();
        for (Descriptor descriptor : index().manifests()) {
            byDigest.computeIfAbsent(descriptor.digest(), digest -> new ArrayList<>()).add(descriptor);
        }
        List<Image> images = new ArrayList<>();
        for (List<Descriptor> sameManifest : byDigest.values()) {
            images.add(resolve(sameManifest.get(0), namesOf(sameManifest), INDEX_FILE, 0));
        }
        return images;
    }

    @Override
    public Image image(String name) throws IOException {
        List<Descriptor> manifests = index().manifests();
        if (name == null) {
            List<Digest> distinct = manifests.stream().map(Descriptor::digest).distinct().toList();
            if (distinct.isEmpty()) {
                throw new NoSuchImageException(description() + " holds no image: its index.json lists no manifests");
            }
            if (distinct.size() > 1) {
                throw new NoSuchImageException(description() + " holds " + distinct.size() + " images (names: "
                        + ImageNames.list(names()) + "): say which one");
            }
            return resolve(manifests.get(0), namesOf(manifests), INDEX_FILE, 0);
        }
        List<Descriptor> matching = manifests.stream()
                .filter(descriptor -> descriptor.refName() != null && ImageNames.matches(descriptor.refName(), name))
                .toList();
        if (matching.isEmpty()) {
            throw new NoSuchImageException(description() + " has no image named \"" + name + "\" (it has: "
                    + ImageNames.list(names()) + ")");
        }
        if (matching.stream().map(Descriptor::digest).distinct().count() > 1) {
            throw new ImageFormatException(description() + " lists several different images named \"" + name
                    + "\" in its index.json: it is ambiguous");
        }
        List<Descriptor> sameManifest = manifests.stream()
                .filter(descriptor -> descriptor.digest().equals(matching.get(0).digest())).toList();
        return resolve(matching.get(0), namesOf(sameManifest), INDEX_FILE, 0);
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    /** Check the oci-layout file, then read index.json. */
    private ImageIndex index() throws IOException {
        if (files.size(OCI_LAYOUT_FILE) < 0) {
            throw new ImageFormatException(description() + " has no " + OCI_LAYOUT_FILE
                    + " file: it is not an OCI image layout");
        }
        String version = Json.read(files.readSmallFile(OCI_LAYOUT_FILE), LayoutFile.class,
                OCI_LAYOUT_FILE + " of " + description()).imageLayoutVersion();
        if (!version.startsWith("1.")) {
            throw new ImageFormatException(description() + " has imageLayoutVersion " + version
                    + ", but jrocker reads version 1.x layouts");
        }
        if (files.size(INDEX_FILE) < 0) {
            throw new ImageFormatException(description() + " has no " + INDEX_FILE + ": the layout is incomplete");
        }
        return ImageIndex.parse(files.readSmallFile(INDEX_FILE), INDEX_FILE + " of " + description());
    }

    private static List<String> namesOf(List<Descriptor> descriptors) {
        return descriptors.stream().map(Descriptor::refName).filter(name -> name != null).distinct().toList();
    }

    /** Follow {@code descriptor} (listed by {@code listedBy}) through indexes to an image manifest. */
    private Image resolve(Descriptor descriptor, List<String> names, String listedBy, int depth) throws IOException {
        String type = descriptor.mediaType();
        if (MediaTypes.isManifest(type)) {
            return readImage(descriptor, names, listedBy);
        }
        if (type.equals(MediaTypes.DOCKER_SCHEMA1_MANIFEST)) {
            throw new UnsupportedMediaTypeException(listedBy + " of " + description() + " lists " + descriptor.digest()
                    + ", a Docker schema 1 manifest, which jrocker does not read: convert the image, e.g."
                    + " skopeo copy --format oci SRC DEST");
        }
        if (!MediaTypes.isIndex(type)) {
            throw new UnsupportedMediaTypeException(listedBy + " of " + description() + " lists " + descriptor.digest()
                    + " with media type " + type + ", which is not an image manifest or index: it is not a container"
                    + " image (or not one jrocker reads)");
        }
        if (depth >= MAX_INDEX_DEPTH) {
            throw new ImageFormatException(description() + " nests image indexes more than " + MAX_INDEX_DEPTH
                    + " deep (at " + descriptor.digest() + "): refusing to follow");
        }
        String document = "image index " + descriptor.digest() + " of " + description();
        ImageIndex index = ImageIndex.parse(files.readJsonBlob(blobName(descriptor.digest()), descriptor.digest(),
                descriptor.size(), "of the image index", listedBy), document);
        return resolve(index.forPlatform(platform, "the image index " + descriptor.digest() + " in " + description()), names, "image index " + descriptor.digest(), depth + 1);
    }

    private Image readImage(Descriptor descriptor, List<String> names, String listedBy) throws IOException {
        Digest manifestDigest = descriptor.digest();
        String document = "manifest " + manifestDigest + " of " + description();
        Manifest manifest = Manifest.parse(files.readJsonBlob(blobName(manifestDigest), manifestDigest,
                descriptor.size(), "of the manifest", listedBy), document);
        if (manifest.mediaType() != null && !manifest.mediaType().equals(descriptor.mediaType())) {
            throw new ImageFormatException(document + " says it is " + manifest.mediaType() + ", but " + listedBy
                    + " lists it as " + descriptor.mediaType());
        }
        String listedByManifest = "manifest " + manifestDigest;
        Descriptor configDescriptor = manifest.config();
        Image.checkConfigType(configDescriptor, document);
        byte[] configJson = files.readJsonBlob(blobName(configDescriptor.digest()), configDescriptor.digest(),
                configDescriptor.size(), "of the config", listedByManifest);
        return Image.of(manifest, document, configJson, description(), names, (number, layer) -> {
            String name = blobName(layer.digest());
            files.checkBlob(name, layer.digest(), layer.size(), "of layer " + number, listedByManifest);
            return () -> files.open(name);
        });
    }

    /** Where a blob lives in the layout: {@code blobs/sha256/<hex>}. */
    static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    /** The {@code oci-layout} file's content, for writing a layout. */
    public static byte[] layoutFileContent() {
        return Json.write(new LayoutFile("1.0.0"));
    }
}
