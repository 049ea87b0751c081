package jrocker.step05.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageNames;
import jrocker.step05.image.Json;
import jrocker.step05.image.NoSuchImageException;

/**
 * Reads a {@code docker save} archive (also what {@code skopeo copy ... docker-archive:FILE} and
 * {@code podman save} write): a tar whose {@code manifest.json} lists the images,
 * <pre>
 * [{"Config": "3f7e...json", "RepoTags": ["busybox:latest"], "Layers": ["94d0.../layer.tar", ...]}]
 * </pre>
 * with the config and layers as files of the tar. Older archives put each layer in
 * {@code <id>/layer.tar} (the id is not a content digest), skopeo in {@code <diff id>.tar} with
 * {@code <id>/layer.tar} symlinks, docker 25 and newer in {@code blobs/sha256/<hex>} (next to an OCI
 * layout of the same images).
 *
 * <p><b>Strategy (a decision):</b> the tar is extracted once into a directory inside a work directory the
 * caller chooses, and {@link #close()} deletes it; see {@link ExtractedTar} for why and how that is safe.
 *
 * <p>There are no media types and, in old archives, no layer digests: the compression is detected from
 * each layer's first bytes, its digest and size computed during extraction, and its media type reported
 * as the OCI type for that compression. Where a file name does promise a digest
 * ({@code blobs/sha256/<hex>}, or {@code <hex>.json} for the config), the content is checked against it.
 * As everywhere, each layer's uncompressed content is checked against the config's diff IDs.
 */
public final class DockerArchiveReader implements ImageArchive {
    public static final String MANIFEST_FILE = "manifest.json";

    private static final Pattern DIGEST_NAMED = Pattern.compile("(?:blobs/sha256/([0-9a-f]{64}))|(?:([0-9a-f]{64})\\.json)");

    private final ExtractedTar files;
    private final List<Entry> entries;

    /** One element of manifest.json; docker spells the fields "Config", "RepoTags", "Layers" (see {@link Json}). */
    record Entry(String config, List<String> repoTags, List<String> layers) {
        Entry {
            Json.required(config, "Config");
            repoTags = repoTags == null ? List.of() : List.copyOf(repoTags); // null for an untagged image
            layers = List.copyOf(Json.required(layers, "Layers"));
        }
    }

    DockerArchiveReader(ExtractedTar files) throws IOException {
        this.files = files;
        this.entries = readManifest();
    }

    /** Extract {@code archive} (plain or gzip) into a new directory inside {@code workDir}, and read manifest.json. */
    public static DockerArchiveReader open(Path archive, Path workDir) throws IOException {
        ExtractedTar files = ExtractedTar.extract(archive, workDir, "the docker archive " + archive);
        try {
            return new DockerArchiveReader(files);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    @Override
    public String description() {
        return files.description();
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        entries.forEach(entry -> entry.repoTags().stream().filter(tag -> !names.contains(tag)).forEach(names::add));
        return names;
    }

    @Override
    public List<Image> images() throws IOException {
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            images.add(read(i));
        }
        return images;
    }

    @Override
    public Image image(String name) throws IOException {
        if (name == null) {
            if (entries.size() != 1) {
                throw new NoSuchImageException(description() + " holds " + entries.size() + " images (names: "
                        + ImageNames.list(names()) + "): say which one");
            }
            return read(0);
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).repoTags().stream().anyMatch(tag -> ImageNames.matches(tag, name))) {
                return read(i);
            }
        }
        throw new NoSuchImageException(description() + " has no image named \"" + name + "\" (it has: "
                + ImageNames.list(names()) + ")");
    }

    /** Delete the extracted files. */
    @Override
    public void close() throws IOException {
        files.close();
    }

    private List<Entry> readManifest() throws IOException {
        String document = MANIFEST_FILE + " of " + description();
        if (files.size(MANIFEST_FILE) < 0) {
            throw new ImageFormatException(description() + " has no " + MANIFEST_FILE + ": it is not a docker save archive");
        }
        return Json.readList(files.readSmallFile(MANIFEST_FILE), Entry.class, document);
    }

    private Image read(int position) throws IOException {
        Entry entry = entries.get(position);
        String listedBy = MANIFEST_FILE;
        ExtractedTar.StoredFile configFile = storedFile(entry.config(), "the config", listedBy);
        checkNamedDigest(entry.config(), configFile, "config");
        byte[] configJson = files.readJsonBlob(entry.config(), configFile.digest(), configFile.size(),
                "(" + entry.config() + ")", listedBy);
        ImageConfig config = ImageConfig.parse(configJson, "config " + entry.config() + " of " + description());
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != entry.layers().size()) {
            throw new ImageFormatException("image " + (position + 1) + " in " + MANIFEST_FILE + " of " + description()
                    + " lists " + entry.layers().size() + " layers, but its config lists " + diffIds.size()
                    + " diff_ids: the image is inconsistent");
        }
        List<LayerSource> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(layer(i + 1, entry.layers().get(i), diffIds.get(i)));
        }
        return new Image(configFile.digest(), configJson, config, layers, entry.repoTags());
    }

    private LayerSource layer(int number, String name, Digest diffId) throws IOException {
        ExtractedTar.StoredFile file = storedFile(name, "layer " + number, MANIFEST_FILE);
        checkNamedDigest(name, file, "layer " + number);
        Compression compression;
        try (InputStream in = files.open(name)) {
            compression = Compression.detect(in.readNBytes(4));
        }
        Layer layer = new Layer(number, file.digest(), file.size(), compression.ociLayerMediaType(), compression, diffId);
        return new LayerSource(layer, () -> files.open(name), description());
    }

    private ExtractedTar.StoredFile storedFile(String name, String role, String listedBy) throws MissingBlobException {
        ExtractedTar.StoredFile file = files.find(name);
        if (file == null) {
            throw new MissingBlobException(name + " (" + role + ") is missing from "
                    + description() + " (" + listedBy + " lists it): the archive is incomplete");
        }
        return file;
    }

    /** {@code blobs/sha256/<hex>} and {@code <hex>.json} promise their content's digest: check it. */
    private void checkNamedDigest(String name, ExtractedTar.StoredFile file, String what) throws DigestMismatchException {
        Matcher matcher = DIGEST_NAMED.matcher(ExtractedTar.normalize(name));
        if (!matcher.matches()) {
            return;
        }
        String hex = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        if (!file.digest().hex().equals(hex)) {
            throw new DigestMismatchException(what + " file " + name + " in " + description()
                    + " is corrupt: its content has digest " + file.digest() + ", not the sha256:" + hex + " its name says");
        }
    }
}
