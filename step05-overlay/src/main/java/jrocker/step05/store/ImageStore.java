package jrocker.step05.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jrocker.step03.container.DataRoot;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step05.archive.Image;
import jrocker.step05.archive.ImageArchive;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.DigestingInputStream;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.InvalidReferenceException;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.Json;
import jrocker.step05.image.Platform;
import jrocker.step05.layer.LayerFileSystem;
import jrocker.step05.layer.LayerUnpacker;
import jrocker.step05.layer.LinuxLayerFileSystem;

/**
 * jrocker's images on disk, under the data root ({@code /var/lib/jrocker} or {@code $JROCKER_DATA_ROOT}):
 * <pre>
 *   layers/&lt;diffIdHex&gt;/          one unpacked layer, whiteouts in overlayfs form: an overlayfs lowerdir.
 *                                 Named by its diff ID, so every image that has the layer shares it, and
 *                                 it is unpacked only once.
 *   images/&lt;idHex&gt;/config.json    the image config, byte for byte: its sha256 is the image ID
 *   images/&lt;idHex&gt;/metadata.json  {"stored":"2026-...Z","size":4264448}: when it came, and its size
 *   repositories.json             {"docker.io/library/busybox:latest":"sha256:..."}: name:tag to image ID
 *   containers/&lt;id&gt;/image        (written by run) the ID of the image a container uses: rmi reads it
 *   tmp/&lt;pid&gt;-&lt;random&gt;/          one operation's work in progress
 *   store.lock                    locked while repositories.json, images/ or layers/ change
 * </pre>
 *
 * <p><b>Nothing half-done is ever visible.</b> Everything is made inside a private work directory in
 * {@code tmp/} and then renamed into place; a rename is atomic. The order is layers, then the image
 * directory, then its names: at any moment an image directory's layers are all there, and a name points to
 * a complete image. A failed import or load deletes its work directory and the layers it added that no image
 * uses, so it leaves nothing behind. Two commands unpacking the same layer at once both succeed: the second
 * rename fails because the directory exists, and the loser deletes its copy.
 *
 * <p><b>Lookups</b> follow docker: a name ({@code busybox} is {@code docker.io/library/busybox:latest}),
 * a full ID ({@code sha256:...}) or an unambiguous ID prefix of at least 4 hex digits.
 */
public final class ImageStore {
    /** The shortest ID prefix that {@link #find} accepts: shorter ones match too much by accident. */
    public static final int MIN_ID_PREFIX = 4;
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{" + MIN_ID_PREFIX + ",64}");

    /** An image directory's metadata.json: when the image was stored, and the bytes of its unpacked layers. */
    record Metadata(Instant stored, long size) {
        Metadata {
            Json.required(stored, "stored");
        }
    }

    private final Path layers;
    private final Path images;
    private final Path tmp;
    private final Path containers;
    private final Path repositoriesFile;
    private final Path lockFile;
    private final LayerFileSystem layerFileSystem;

    private ImageStore(Path root, LayerFileSystem layerFileSystem) {
        this.layers = root.resolve("layers");
        this.images = root.resolve("images");
        this.tmp = root.resolve("tmp");
        this.containers = root.resolve("containers");
        this.repositoriesFile = root.resolve("repositories.json");
        this.lockFile = root.resolve("store.lock");
        this.layerFileSystem = layerFileSystem;
    }

    /** The store of {@code dataRoot}, its directories created if missing. */
    public static ImageStore open(DataRoot dataRoot) throws IOException {
        return open(dataRoot, new LinuxLayerFileSystem());
    }

    /** With another way to make whiteouts (tests without root use a fake). */
    public static ImageStore open(DataRoot dataRoot, LayerFileSystem layerFileSystem) throws IOException {
        ImageStore store = new ImageStore(dataRoot.path(), layerFileSystem);
        for (Path directory : List.of(store.layers, store.images, store.tmp)) {
            Files.createDirectories(directory);
        }
        WorkDirectory.removeAbandoned(store.tmp);
        return store;
    }

    /** A private work directory in the store's tmp, for a command's files in progress; close() deletes it. */
    public WorkDirectory workDirectory() throws IOException {
        return WorkDirectory.create(tmp);
    }

    /** {@code layers/<hex>}: where the layer with this diff ID is (or would be) unpacked. */
    public Path layerDirectory(Digest diffId) {
        return layers.resolve(diffId.hex());
    }

    // ---------------------------------------------------------------- reading

    /** By name[:tag] (docker normalization, default tag latest), full id "sha256:…", or an unambiguous id prefix (≥ 4 hex). */
    public Optional<StoredImage> find(String reference) throws IOException {
        return find(reference, asName(reference));
    }

    /**
     * {@link #find(String)} for a reference its caller has already read as a name ({@code run} reads IMAGE
     * once, to refuse an invalid one before anything is made): the name is not parsed a second time.
     */
    public Optional<StoredImage> find(String reference, ImageReference name) throws IOException {
        return find(reference, Optional.of(name));
    }

    private Optional<StoredImage> find(String reference, Optional<ImageReference> name) throws IOException {
        Repositories repositories = Repositories.read(repositoriesFile);
        Optional<Digest> id = resolve(reference, name, repositories);
        return id.isEmpty() ? Optional.empty() : Optional.of(read(id.get(), repositories));
    }

    /** Like {@link #find}, but a missing image is an error: "no such image: busybox:latest". */
    public StoredImage get(String reference) throws IOException {
        Optional<ImageReference> name = asName(reference);
        return find(reference, name).orElseThrow(() -> new ImageStoreException("no such image: " + shown(reference, name)));
    }

    /** {@code reference} read as a NAME[:TAG], once; empty when it is not one (it may still be an ID prefix). */
    private static Optional<ImageReference> asName(String reference) {
        try {
            return Optional.of(ImageReference.parse(reference));
        } catch (InvalidReferenceException notAName) {
            return Optional.empty();
        }
    }

    private Optional<Digest> resolve(String reference, Optional<ImageReference> name, Repositories repositories)
            throws IOException {
        if (reference.startsWith("sha256:") && reference.length() == 71) {
            try {
                Digest id = Digest.parse(reference);
                return Files.isDirectory(images.resolve(id.hex())) ? Optional.of(id) : Optional.empty();
            } catch (IllegalArgumentException notHex) {
                return Optional.empty();
            }
        }
        Digest named = name.map(repositories::get).orElse(null);
        if (named != null) {
            return Optional.of(named);
        }
        // else maybe an ID prefix
        String prefix = reference.startsWith("sha256:") ? reference.substring("sha256:".length()) : reference;
        if (!HEX_PREFIX.matcher(prefix).matches()) {
            return Optional.empty();
        }
        List<Digest> matches = new ArrayList<>();
        for (Digest id : ids()) {
            if (id.hex().startsWith(prefix)) {
                matches.add(id);
            }
        }
        if (matches.size() > 1) {
            throw new ImageStoreException("the ID prefix " + reference + " matches " + matches.size()
                    + " images: give more digits");
        }
        return matches.stream().findFirst();
    }

    /** Every image, newest first, as {@code images} lists them. */
    public List<StoredImage> list() throws IOException {
        Repositories repositories = Repositories.read(repositoriesFile);
        List<StoredImage> result = new ArrayList<>();
        for (Digest id : ids()) {
            result.add(read(id, repositories));
        }
        result.sort(Comparator.comparing(StoredImage::created).reversed());
        return result;
    }

    /**
     * The unpacked layer directories of the image, TOP layer first: overlayfs' order for lowerdir (the
     * config lists the diff IDs bottom first).
     */
    public List<Path> layerDirectoriesTopFirst(StoredImage image) {
        List<Path> directories = new ArrayList<>(image.diffIds().stream().map(this::layerDirectory).toList());
        Collections.reverse(directories);
        return List.copyOf(directories);
    }

    private List<Digest> ids() throws IOException {
        List<Digest> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(images)) {
            for (Path entry : entries) {
                ids.add(new Digest(Digest.SHA256, entry.getFileName().toString()));
            }
        }
        return ids;
    }

    private StoredImage read(Digest id, Repositories repositories) throws IOException {
        Path directory = images.resolve(id.hex());
        byte[] configJson = Files.readAllBytes(directory.resolve("config.json"));
        ImageConfig config = ImageConfig.parse(configJson, "the config of image " + id);
        Path metadataFile = directory.resolve("metadata.json");
        Metadata metadata = Json.read(Files.readAllBytes(metadataFile), Metadata.class, metadataFile.toString());
        return new StoredImage(id, repositories.namesOf(id), config, created(config, metadata.stored()), metadata.size());
    }

    /** The config's "created" (RFC 3339, as Go writes it), else when the image was stored. */
    private static Instant created(ImageConfig config, Instant stored) {
        if (config.toJsonMap().get("created") instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException ignored) {
                // an odd date in someone's image: not a reason to refuse it
            }
        }
        return stored;
    }

    /** Which containers (their 12-digit short IDs) use image {@code id}, from {@code containers/<id>/image}. */
    private List<String> containersUsing(Digest id) throws IOException {
        List<String> users = new ArrayList<>();
        if (!Files.isDirectory(containers)) {
            return users;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(containers)) {
            for (Path container : entries) {
                try {
                    String image = Files.readString(container.resolve("image"), StandardCharsets.UTF_8).trim();
                    if (image.equals(id.toString())) {
                        String name = container.getFileName().toString();
                        users.add(name.length() > 12 ? name.substring(0, 12) : name);
                    }
                } catch (NoSuchFileException noImage) {
                    // a container from --rootfs, or one being created: it uses no image
                }
            }
        }
        users.sort(null);
        return users;
    }

    // ---------------------------------------------------------------- import and load

    /** Import a flat root file system tar (docker export, or jrocker rootfs busybox) as a one-layer image named `name`. */
    public StoredImage importRootfs(Path tar, ImageReference name, ProgressListener progress) throws IOException {
        return storeNewLayer(tar, name, progress, "Importing " + tar.getFileName(),
                (diffId, unpacked) -> importedConfig(diffId, hasShell(unpacked), tar));
    }

    // tag::commit[]
    /**
     * A new image: {@code base}'s layers plus one more, {@code layerTar} (a plain tar in OCI form, whiteouts
     * as {@code .wh.} entries, as commit writes a container's upper directory), named {@code name}. The new
     * config is the base's with the layer's diff ID appended and created now; the image ID follows from it.
     */
    public StoredImage commit(StoredImage base, Path layerTar, ImageReference name, ProgressListener progress)
            throws IOException {
        return storeNewLayer(layerTar, name, progress, "Committing",
                (diffId, unpacked) -> committedConfig(base.config().withLayerAdded(diffId)));
    }

    /**
     * A commit's config is created when the commit is made, as docker's is: the image is new (and two commits
     * of one container, made at different times, are two images with two IDs, not one). Where the base has a
     * history, the new layer gets its entry in it, so the history still has one entry per layer.
     */
    private static ImageConfig committedConfig(ImageConfig withLayer) throws ImageFormatException {
        Map<String, Object> document = withLayer.toJsonMap();
        String now = Instant.now().toString();
        document.put("created", now);
        if (document.get("history") instanceof List<?> history) {
            List<Object> more = new ArrayList<>(history);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("created", now);
            entry.put("created_by", "jrocker commit");
            more.add(entry);
            document.put("history", more);
        }
        return ImageConfig.parse(Json.write(document), "the config of a commit");
    }

    /** The config of the image that a new layer makes, from the layer's diff ID and its unpacked files. */
    @FunctionalInterface
    private interface ConfigForLayer {
        ImageConfig make(Digest diffId, Path unpacked) throws IOException;
    }

    /**
     * What commit and import share: unpack {@code tar} as a new layer (its diff ID is the hash of the plain
     * tar), move it to {@code layers/}, and register the image whose config {@code configFor} makes, named
     * {@code name}; {@code what} titles the progress bar. On failure, the new layer is removed again
     * unless another image uses it.
     */
    private StoredImage storeNewLayer(Path tar, ImageReference name, ProgressListener progress, String what,
            ConfigForLayer configFor) throws IOException {
        checkTaggable(name);
        List<Digest> created = new ArrayList<>();
        try (WorkDirectory work = WorkDirectory.create(tmp)) {
            try {
                Path unpacked = work.resolve("layer");
                ByteProgress bytes = new ByteProgress(progress, Files.size(tar), what);
                Digest diffId = unpackFlatTar(tar, unpacked, bytes);
                bytes.finish();
                ImageConfig config = configFor.make(diffId, unpacked); // before the move: import looks for /bin/sh
                if (installLayer(unpacked, diffId)) {
                    created.add(diffId);
                }
                Digest id = register(work, config.toJson(), List.of(name), List.of());
                return get(id.toString());
            } catch (IOException | RuntimeException e) {
                removeUnusedLayers(created, e);
                throw e;
            }
        }
    }
    // end::commit[]

    /**
     * One pass over the file: count it (progress), decompress it (gzip, zstd or none, by its first bytes),
     * hash the plain tar (the diff ID), unpack it. The tar reader stops at the end-of-archive blocks, so
     * the rest (padding) is read afterwards: the diff ID is the hash of all of it.
     */
    private Digest unpackFlatTar(Path tar, Path target, ByteProgress bytes) throws IOException {
        try (InputStream file = new BufferedInputStream(new ProgressInputStream(Files.newInputStream(tar), bytes::add), 1 << 16)) {
            file.mark(8);
            byte[] start = file.readNBytes(8);
            file.reset();
            DigestingInputStream plain = new DigestingInputStream(
                    Compression.detect(start).decompress(file, tar.toString()));
            // unpackTar reads to the end, padding included: the digest is then of every byte
            new LayerUnpacker(layerFileSystem, new TarUnpacker()).unpackTar(plain, target);
            return plain.digest();
        }
    }

    /** Does the root file system have /bin/sh (resolved inside it, as the container will)? */
    private static boolean hasShell(Path rootfs) throws IOException {
        Path sh = new RootfsDirectory(rootfs).resolveExisting("bin/sh");
        return sh != null && Files.exists(sh, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The config of an imported image. docker import writes no Cmd, so {@code docker run IMAGE} fails with
     * "no command specified". jrocker chooses to set {@code Cmd ["sh"]} when the tar has /bin/sh: a
     * busybox tar then runs like the busybox image. Env, Entrypoint, WorkingDir and User stay unset.
     */
    private static ImageConfig importedConfig(Digest diffId, boolean hasShell, Path tar) throws IOException {
        ImageConfig config = ImageConfig.of(Platform.current(), List.of(diffId));
        if (hasShell) {
            config = config.withCmd(List.of("sh"));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        String now = Instant.now().toString();
        document.put("created", now); // so the image ID differs per import, as with docker
        document.putAll(config.toJsonMap());
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("created", now);
        history.put("comment", "Imported from " + tar.getFileName());
        document.put("history", List.of(history));
        return ImageConfig.parse(Json.write(document), "the config of the imported " + tar);
    }

    /** What {@link #load} registered: one image and the names it got (empty: loaded by ID only). */
    public record Loaded(StoredImage image, List<ImageReference> names) {
    }

    /**
     * Load every image of a {@code docker save} tar, an OCI layout directory or an oci-archive tar, with the
     * names the archive gives. Layers already in the store are not unpacked again.
     */
    public List<Loaded> load(Path archivePath, ProgressListener progress) throws IOException {
        List<Digest> created = new ArrayList<>();
        try (WorkDirectory work = WorkDirectory.create(tmp);
             ImageArchive archive = ImageArchive.open(archivePath, work.path())) {
            try {
                List<Image> archiveImages = archive.images();
                Map<Digest, LayerSource> missing = missingLayers(archiveImages);
                long total = missing.values().stream().mapToLong(source -> source.layer().size()).sum();
                ByteProgress bytes = new ByteProgress(progress, total, "Loading layers");
                // one at a time: one progress bar counts the bytes of all of them
                unpackLayers(missing.values(), work, 1, new LayerProgress() {
                    @Override
                    public void status(Layer layer, LayerProgress.Status status) {
                    }

                    @Override
                    public void bytes(Layer layer, long read) {
                        bytes.add(read);
                    }
                }, created);
                bytes.finish();
                List<Loaded> loaded = new ArrayList<>();
                for (Image image : archiveImages) {
                    List<ImageReference> names = namesOf(image, archive.description());
                    Digest id = register(work, image.configJson(), names, List.of());
                    loaded.add(new Loaded(get(id.toString()), names));
                }
                return loaded;
            } catch (IOException | RuntimeException e) {
                removeUnusedLayers(created, e);
                throw e;
            }
        }
    }

    // tag::pull[]
    /**
     * Store an image pulled from a registry: its missing layers downloaded and unpacked at the same time
     * ({@code parallel} at once), each straight from the network into its directory, verified as it streams;
     * layers already in the store are not downloaded ("Already exists"). Then, as for {@link #load}, the
     * image is registered with its names, and with {@code repoDigest} ({@code NAME@sha256:...}, the manifest's
     * digest) so that {@code images --digests} can show where it came from. On failure, nothing of it stays.
     */
    public StoredImage pull(Image image, List<ImageReference> names, ImageReference repoDigest, LayerProgress progress,
            int parallel) throws IOException {
        List<Digest> created = Collections.synchronizedList(new ArrayList<>());
        try (WorkDirectory work = WorkDirectory.create(tmp)) {
            try {
                Map<Digest, LayerSource> missing = missingLayers(List.of(image));
                for (LayerSource source : image.layers()) {
                    if (!missing.containsValue(source)) {
                        progress.status(source.layer(), LayerProgress.Status.ALREADY_EXISTS);
                    }
                }
                unpackLayers(missing.values(), work, parallel, progress, created);
                Digest id = register(work, image.configJson(), names, List.of(repoDigest));
                return get(id.toString());
            } catch (IOException | RuntimeException e) {
                removeUnusedLayers(created, e);
                throw e;
            }
        }
    }
    // end::pull[]

    /** True if the image with this ID is in the store (so, all its layers too). */
    public boolean has(Digest id) {
        return Files.isDirectory(images.resolve(id.hex()));
    }

    /**
     * Give an image that is in the store more names and a repo digest: a pull of an image that is here
     * already ("Image is up to date").
     */
    public StoredImage tag(Digest id, List<ImageReference> names, ImageReference repoDigest) throws IOException {
        try (WorkDirectory work = WorkDirectory.create(tmp)) {
            byte[] configJson = Files.readAllBytes(images.resolve(id.hex()).resolve("config.json"));
            register(work, configJson, names, List.of(repoDigest));
            return get(id.toString());
        }
    }

    /** The repo digests of an image ({@code localhost:5000/app@sha256:...}): which manifests it was pulled as. */
    public List<ImageReference> repoDigests(Digest id) throws IOException {
        return RepoDigests.read(images.resolve(id.hex()).resolve(RepoDigests.FILE));
    }

    /**
     * Unpack each layer into a directory of {@code work} and move it to {@code layers/}, {@code parallel}
     * at a time; {@code created} gets the diff IDs of the layers this call added. The first failure stops
     * the others (they are interrupted, and waited for: nobody writes in {@code work} once this returns).
     */
    private void unpackLayers(Collection<LayerSource> sources, WorkDirectory work, int parallel, LayerProgress progress,
            List<Digest> created) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        sources.forEach(source -> progress.status(source.layer(), LayerProgress.Status.WAITING));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, sources.size()), task -> {
            Thread thread = new Thread(task, "jrocker-layer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> unpacking = new ArrayList<>();
            int number = 0;
            for (LayerSource source : sources) {
                Path unpacked = work.resolve("layer-" + ++number);
                unpacking.add(pool.submit(() -> {
                    Layer layer = source.layer();
                    LayerSource counted = source.observed(blob -> new ProgressInputStream(blob,
                            read -> progress.bytes(layer, read)));
                    new LayerUnpacker(layerFileSystem, new TarUnpacker()).unpack(counted, unpacked);
                    if (installLayer(unpacked, layer.diffId())) {
                        created.add(layer.diffId());
                    }
                    progress.status(layer, LayerProgress.Status.COMPLETE);
                    return null;
                }));
            }
            for (Future<?> layer : unpacking) {
                layer.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while unpacking layers");
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The layers (by diff ID, each once) that the store does not have yet, in the archive's order. */
    private Map<Digest, LayerSource> missingLayers(List<Image> archiveImages) {
        Map<Digest, LayerSource> missing = new LinkedHashMap<>();
        for (Image image : archiveImages) {
            for (LayerSource source : image.layers()) {
                Digest diffId = source.layer().diffId();
                if (!Files.isDirectory(layerDirectory(diffId))) {
                    missing.putIfAbsent(diffId, source);
                }
            }
        }
        return missing;
    }

    /**
     * The names an archive gives an image, as references. A {@code docker save} tag ({@code busybox:latest})
     * or a full OCI name ({@code docker.io/library/busybox:1.36}) counts. An OCI ref.name that is only a tag
     * ({@code 1.36}: skopeo's {@code oci:DIR:1.36}) does not say which repository, so, like docker, jrocker
     * ignores it: the image is loaded by ID. References by digest are ignored too: names here have tags.
     */
    static List<ImageReference> namesOf(Image image, String archive) throws ImageStoreException {
        Set<ImageReference> names = new LinkedHashSet<>();
        for (String text : image.names()) {
            if (!text.contains(":") && !text.contains("/")) {
                continue; // only a tag
            }
            try {
                ImageReference name = ImageReference.parse(text);
                if (name.digest() == null) {
                    names.add(name);
                }
            } catch (InvalidReferenceException e) {
                throw new ImageStoreException(archive + " gives an image a name jrocker cannot use: " + e.getMessage());
            }
        }
        return List.copyOf(names);
    }

    /** Names in the store have a tag and no digest: {@code import busybox@sha256:...} makes no sense. */
    private static void checkTaggable(ImageReference name) throws ImageStoreException {
        if (name.digest() != null || name.tag() == null) {
            throw new ImageStoreException("invalid image name \"" + name.familiar()
                    + "\": a name for an image in the store is NAME[:TAG], without a digest");
        }
    }

    /**
     * Move an unpacked layer to {@code layers/<hex>}. False if the layer was there already: another command
     * (or an earlier image of this archive) won the race; then our copy is deleted.
     */
    private boolean installLayer(Path unpacked, Digest diffId) throws IOException {
        Path target = layerDirectory(diffId);
        if (Files.isDirectory(target)) {
            RootfsDirectory.deleteRecursively(unpacked);
            return false;
        }
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException lostTheRace) {
            // Another import moved the same layer in first: rename(2) then fails with EEXIST or ENOTEMPTY, which
            // the JDK reports as FileAlreadyExistsException, or as a plain FileSystemException "Directory not empty".
            if (!Files.isDirectory(target)) {
                throw lostTheRace;
            }
            RootfsDirectory.deleteRecursively(unpacked);
            return false;
        }
    }

    /**
     * Register an image whose layers are all in {@code layers/}: write its directory (unless the same image
     * is there already), point its names at it and add its repo digests, all under the lock.
     */
    private Digest register(WorkDirectory work, byte[] configJson, List<ImageReference> names,
            List<ImageReference> repoDigests) throws IOException {
        Digest id = Digest.sha256(configJson);
        ImageConfig config = ImageConfig.parse(configJson, "the config of image " + id);
        for (ImageReference name : names) {
            checkTaggable(name);
        }
        try (StoreLock lock = StoreLock.acquire(lockFile)) {
            long size = 0;
            for (Digest diffId : config.diffIds()) {
                Path layer = layerDirectory(diffId);
                if (!Files.isDirectory(layer)) { // an rmi removed it after we saw it: rare, but no half image
                    throw new ImageStoreException("layer " + diffId + " of image " + id
                            + " was removed while the image was being stored (by a concurrent rmi?): try again");
                }
                size += directorySize(layer);
            }
            Path directory = images.resolve(id.hex());
            if (!Files.isDirectory(directory)) {
                Path partial = Files.createDirectory(work.resolve("image-" + id.hex()));
                Files.write(partial.resolve("config.json"), configJson);
                Files.write(partial.resolve("metadata.json"), Json.write(new Metadata(Instant.now(), size)));
                Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!names.isEmpty()) {
                Repositories repositories = Repositories.read(repositoriesFile);
                names.forEach(name -> repositories.put(name, id)); // a name moves: its old image may become <none>
                repositories.write(tmp);
            }
            if (!repoDigests.isEmpty()) {
                RepoDigests.add(directory.resolve(RepoDigests.FILE), repoDigests, tmp);
            }
        }
        return id;
    }

    /** The bytes of the regular files below {@code directory} (symlinks not followed). */
    private static long directorySize(Path directory) throws IOException {
        long[] total = {0};
        // walkFileTree hands each file's attributes to the visitor: one stat per file, not two.
        Files.walkFileTree(directory, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] += attributes.size();
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    // ---------------------------------------------------------------- removal

    /** What {@link #remove} did: names untagged (familiar form) and images deleted, in docker's order. */
    public record Removal(List<String> untagged, List<Digest> deleted) {
    }

    /**
     * docker's {@code rmi}: by name, untag it, and delete the image when it was its last name; by ID, untag
     * every name and delete the image (several names need force). An image used by a container is refused,
     * unless forced; forced, it loses its names but stays (its layers are the container's file system).
     * Deleting an image deletes every layer no other image uses.
     */
    public Removal remove(String reference, boolean force) throws IOException {
        try (StoreLock lock = StoreLock.acquire(lockFile)) {
            Repositories repositories = Repositories.read(repositoriesFile);
            Optional<ImageReference> name = asName(reference);
            Digest id = resolve(reference, name, repositories)
                    .orElseThrow(() -> new ImageStoreException("no such image: " + shown(reference, name)));
            List<ImageReference> names = repositories.namesOf(id);
            // removed by name only when the reference is one of the image's names (else it was an ID)
            ImageReference byName = name.filter(n -> id.equals(repositories.get(n))).orElse(null);
            List<String> users = containersUsing(id);
            List<ImageReference> untag;
            String shownAs;
            if (byName != null) {
                untag = List.of(byName);
                shownAs = byName.familiar();
            } else {
                if (names.size() > 1 && !force) {
                    throw new ImageStoreException("unable to delete " + id.shortHex() + " (must be forced): the image is"
                            + " referenced in several repositories (" + familiar(names) + ")");
                }
                untag = names;
                shownAs = id.shortHex();
            }
            boolean lastNames = untag.size() == names.size();
            if (lastNames && !users.isEmpty() && !force) {
                throw new ImageStoreException("image " + shownAs + " is used by container" + (users.size() > 1 ? "s " : " ")
                        + String.join(", ", users) + ": remove the container first, or use rmi -f");
            }
            untag.forEach(repositories::remove);
            repositories.write(tmp);
            List<String> untagged = untag.stream().map(ImageReference::familiar).toList();
            if (!lastNames || !users.isEmpty()) {
                return new Removal(untagged, List.of());
            }
            deleteImage(id);
            return new Removal(untagged, List.of(id));
        }
    }

    /** Called under the lock: the image directory, then the layers that only this image used. */
    private void deleteImage(Digest id) throws IOException {
        Path directory = images.resolve(id.hex());
        ImageConfig config = ImageConfig.parse(Files.readAllBytes(directory.resolve("config.json")), "image " + id);
        deleteAtomically(directory);
        Set<Digest> stillUsed = layersInUse();
        for (Digest diffId : new LinkedHashSet<>(config.diffIds())) {
            if (!stillUsed.contains(diffId)) {
                deleteAtomically(layerDirectory(diffId));
            }
        }
    }

    /** Every diff ID that some image of the store lists. */
    private Set<Digest> layersInUse() throws IOException {
        Set<Digest> used = new HashSet<>();
        for (Digest id : ids()) {
            Path config = images.resolve(id.hex()).resolve("config.json");
            used.addAll(ImageConfig.parse(Files.readAllBytes(config), "image " + id).diffIds());
        }
        return used;
    }

    /** Rename into tmp (atomic: it is gone at once), then delete at leisure. */
    private void deleteAtomically(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (WorkDirectory trash = WorkDirectory.create(tmp)) {
            Files.move(path, trash.resolve("deleted"), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** After a failed import or load: delete the layers it added that no image uses. */
    private void removeUnusedLayers(List<Digest> added, Exception failure) {
        if (added.isEmpty()) {
            return;
        }
        try (StoreLock lock = StoreLock.acquire(lockFile)) {
            Set<Digest> used = layersInUse();
            for (Digest diffId : added) {
                if (!used.contains(diffId)) {
                    deleteAtomically(layerDirectory(diffId));
                }
            }
        } catch (IOException | RuntimeException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }

    private static String familiar(List<ImageReference> names) {
        return String.join(", ", names.stream().map(ImageReference::familiar).toList());
    }

    /** A reference as messages show it: a name in docker's short form with its tag, anything else as typed. */
    private static String shown(String reference, Optional<ImageReference> name) {
        return name.map(ImageReference::familiar).orElse(reference);
    }
}
