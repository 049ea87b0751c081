package jrocker.step05.store;

import static jrocker.step05.store.StoreFixtures.list;
import static jrocker.step05.store.StoreFixtures.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jrocker.step03.container.DataRoot;
import jrocker.step03.tar.TarFormatException;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.archive.MissingBlobException;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.UnsupportedMediaTypeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store in a temporary data root, with layers that need no root (no whiteouts). */
class ImageStoreTest {
    @TempDir
    Path temp;
    Path data;
    ImageStore store;

    @BeforeEach
    void openStore() throws IOException {
        data = temp.resolve("data");
        store = ImageStore.open(new DataRoot(data));
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    private StoredImage importRootfs(String name) throws IOException {
        return store.importRootfs(file(name.replace(':', '_') + ".tar", StoreFixtures.rootfsTar()),
                ImageReference.parse(name), ProgressListener.NONE);
    }

    @Test
    void aCommitIsCreatedWhenItIsMadeSoTwoCommitsOfOneContainerAreTwoImages() throws IOException {
        StoredImage base = importRootfs("base:1");
        Path layer = file("layer.tar", tar(Map.of("etc/note", "committed")));
        java.time.Instant before = java.time.Instant.now();

        StoredImage first = store.commit(base, layer, ImageReference.parse("mine:1"), ProgressListener.NONE);
        StoredImage second = store.commit(base, layer, ImageReference.parse("mine:2"), ProgressListener.NONE);

        Object created = first.config().toJsonMap().get("created");
        assertTrue(!java.time.Instant.parse((String) created).isBefore(before), "created now, not the base's time: " + created);
        assertNotEquals(base.config().toJsonMap().get("created"), created);
        assertNotEquals(first.id(), second.id(), "the same changes committed twice are two images, as with docker");
        assertEquals(first.diffIds(), second.diffIds(), "with the same layers");
        assertEquals(2, ((List<?>) first.config().toJsonMap().get("history")).size(), "one history entry per layer");
    }

    @Test
    void openCreatesTheLayout() {
        for (String directory : List.of("layers", "images", "tmp")) {
            assertTrue(Files.isDirectory(data.resolve(directory)), directory);
        }
    }

    @Test
    void importMakesAOneLayerImageWhoseDiffIdIsTheTarsSha256() throws IOException {
        byte[] rootfs = StoreFixtures.rootfsTar();
        StoredImage image = store.importRootfs(file("rootfs.tar", rootfs), ImageReference.parse("busybox"), ProgressListener.NONE);

        assertEquals(List.of(Digest.sha256(rootfs)), image.diffIds());
        assertEquals(List.of(ImageReference.parse("docker.io/library/busybox:latest")), image.names());
        assertEquals(List.of("sh"), image.config().cmd(), "a tar with /bin/sh runs sh");
        assertEquals(Digest.sha256(Files.readAllBytes(data.resolve("images").resolve(image.id().hex()).resolve("config.json"))),
                image.id(), "the ID is the sha256 of the stored config bytes");
        Path layer = store.layerDirectoriesTopFirst(image).get(0);
        assertEquals(data.resolve("layers").resolve(Digest.sha256(rootfs).hex()), layer);
        assertEquals("hello", Files.readString(layer.resolve("etc/motd")));
        assertEquals("busybox", Files.readSymbolicLink(layer.resolve("bin/sh")).toString());
        assertEquals("not really busybox".length() + "hello".length(), image.size(), "the size counts the regular files");
        assertEquals(List.of(), list(data.resolve("tmp")));
    }

    @Test
    void aGzipTarHasTheDiffIdOfItsUncompressedContent() throws IOException {
        byte[] rootfs = StoreFixtures.rootfsTar();
        StoredImage image = store.importRootfs(file("rootfs.tar.gz", TarArchive.gzip(rootfs)),
                ImageReference.parse("busybox:gz"), ProgressListener.NONE);
        assertEquals(List.of(Digest.sha256(rootfs)), image.diffIds());
    }

    @Test
    void aTarWithoutAShellGetsNoCmd() throws IOException {
        StoredImage image = store.importRootfs(file("data.tar", tar(Map.of("data/x", "1"))),
                ImageReference.parse("data"), ProgressListener.NONE);
        assertEquals(List.of(), image.config().cmd());
    }

    @Test
    void importReportsProgressUpToTheFileSize() throws IOException {
        Path tar = file("rootfs.tar", StoreFixtures.rootfsTar());
        List<long[]> reports = new ArrayList<>();
        store.importRootfs(tar, ImageReference.parse("busybox"), (done, total, what) -> reports.add(new long[] {done, total}));
        long size = Files.size(tar);
        assertFalse(reports.isEmpty());
        assertEquals(size, reports.get(reports.size() - 1)[0]);
        assertTrue(reports.stream().allMatch(report -> report[1] == size && report[0] <= size));
    }

    @Test
    void findsByNameFullIdAndIdPrefix() throws IOException {
        StoredImage image = importRootfs("busybox:1.36");
        String hex = image.id().hex();
        for (String reference : List.of("busybox:1.36", "docker.io/library/busybox:1.36", image.id().toString(),
                hex.substring(0, 4), hex.substring(0, 12), "sha256:" + hex.substring(0, 12))) {
            assertEquals(Optional.of(image.id()), store.find(reference).map(StoredImage::id), reference);
        }
        assertEquals(Optional.empty(), store.find("busybox"), "the default tag is latest, which does not exist");
        assertEquals(Optional.empty(), store.find(hex.substring(0, 3)), "a prefix needs 4 digits");
        assertEquals(Optional.empty(), store.find("Not/A/Name"));
    }

    @Test
    void anAmbiguousIdPrefixIsAnError() throws IOException {
        StoredImage image = importRootfs("busybox");
        // Two IDs that share 4 digits cannot be made on purpose (they are sha256s): copy the image directory
        // under two made-up IDs instead. The store trusts its own directory names.
        Path original = data.resolve("images").resolve(image.id().hex());
        for (String twin : List.of("abcd1" + "0".repeat(59), "abcd2" + "0".repeat(59))) {
            Path copy = Files.createDirectory(data.resolve("images").resolve(twin));
            for (String file : List.of("config.json", "metadata.json")) {
                Files.copy(original.resolve(file), copy.resolve(file));
            }
        }
        ImageStoreException e = assertThrows(ImageStoreException.class, () -> store.find("abcd"));
        assertEquals("the ID prefix abcd matches 2 images: give more digits", e.getMessage());
        assertEquals("abcd2" + "0".repeat(59), store.find("abcd2").orElseThrow().id().hex());
    }

    @Test
    void importingANameAgainMovesIt() throws IOException {
        StoredImage first = importRootfs("busybox");
        StoredImage second = importRootfs("busybox");
        assertTrue(!first.id().equals(second.id()), "each import has its own created time, so its own ID");
        assertEquals(List.of(), store.find(first.id().toString()).orElseThrow().names(), "the first is now <none>");
        assertEquals(second.id(), store.find("busybox").orElseThrow().id());
        assertEquals(1, list(data.resolve("layers")).size(), "both use the same layer, unpacked once");
    }

    @Test
    void aTruncatedTarLeavesNothingBehind() throws IOException {
        byte[] rootfs = StoreFixtures.rootfsTar();
        Path truncated = file("truncated.tar", java.util.Arrays.copyOf(rootfs, 700));
        assertThrows(TarFormatException.class,
                () -> store.importRootfs(truncated, ImageReference.parse("broken"), ProgressListener.NONE));
        assertNothingStored();
    }

    @Test
    void aHostilePathIsRefusedAndLeavesNothingBehind() throws IOException {
        Path hostile = file("hostile.tar", tar(Map.of("../../escaped", "x")));
        IOException e = assertThrows(IOException.class,
                () -> store.importRootfs(hostile, ImageReference.parse("hostile"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains(".."), e.getMessage());
        assertFalse(Files.exists(temp.resolve("escaped")));
        assertNothingStored();
    }

    @Test
    void aNameWithADigestCannotBeImportedTo() throws IOException {
        Path tar = file("rootfs.tar", StoreFixtures.rootfsTar());
        ImageReference withDigest = ImageReference.parse("busybox@" + Digest.sha256(new byte[0]));
        ImageStoreException e = assertThrows(ImageStoreException.class,
                () -> store.importRootfs(tar, withDigest, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("invalid image name"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void loadsAnOciLayoutWithItsNameAndLayersBottomFirst() throws IOException {
        byte[] bottom = tar(Map.of("etc/motd", "bottom", "etc/hostname", "box"));
        byte[] top = tar(Map.of("etc/motd", "top"));
        Path layout = temp.resolve("layout");
        Digest id = StoreFixtures.ociLayout(layout, "docker.io/library/app:1", List.of(bottom, top));

        List<ImageStore.Loaded> loaded = store.load(layout, ProgressListener.NONE);

        assertEquals(1, loaded.size());
        StoredImage image = loaded.get(0).image();
        assertEquals(id, image.id());
        assertEquals(List.of(ImageReference.parse("app:1")), loaded.get(0).names());
        assertEquals(java.time.Instant.parse("2024-01-02T03:04:05Z"), image.created(), "created comes from the config");
        List<Path> layers = store.layerDirectoriesTopFirst(image);
        assertEquals("top", Files.readString(layers.get(0).resolve("etc/motd")));
        assertEquals("bottom", Files.readString(layers.get(1).resolve("etc/motd")));
        assertEquals(List.of(), list(data.resolve("tmp")));
    }

    @Test
    void anOciNameThatIsOnlyATagLoadsTheImageWithoutName() throws IOException {
        Path layout = temp.resolve("layout");
        Digest id = StoreFixtures.ociLayout(layout, "1.36", List.of(tar(Map.of("a", "1"))));
        List<ImageStore.Loaded> loaded = store.load(layout, ProgressListener.NONE);
        assertEquals(List.of(), loaded.get(0).names());
        assertEquals(List.of(), store.find(id.toString()).orElseThrow().names());
    }

    @Test
    void aSharedLayerIsUnpackedOnceAndLoadingTwiceChangesNothing() throws IOException {
        byte[] shared = tar(Map.of("etc/motd", "shared"));
        StoreFixtures.ociLayout(temp.resolve("a"), "docker.io/library/a:1", List.of(shared));
        StoreFixtures.ociLayout(temp.resolve("b"), "docker.io/library/b:1", List.of(shared, tar(Map.of("b", "b"))));
        store.load(temp.resolve("a"), ProgressListener.NONE);
        store.load(temp.resolve("b"), ProgressListener.NONE);
        store.load(temp.resolve("b"), ProgressListener.NONE);
        assertEquals(2, list(data.resolve("layers")).size());
        assertEquals(2, store.list().size());
    }

    @Test
    void aCorruptBlobLeavesNothingBehind() throws IOException {
        byte[] good = tar(Map.of("a", "good"));
        byte[] bad = tar(Map.of("b", "bad!"));
        Path layout = temp.resolve("layout");
        StoreFixtures.ociLayout(layout, "docker.io/library/app:1", List.of(good, bad));
        byte[] tampered = tar(Map.of("b", "evil"));
        Files.write(StoreFixtures.blobPath(layout, Digest.sha256(bad)), tampered); // same size, other content

        assertThrows(DigestMismatchException.class, () -> store.load(layout, ProgressListener.NONE));
        assertNothingStored();
    }

    @Test
    void aMissingBlobLeavesNothingBehind() throws IOException {
        byte[] layer = tar(Map.of("a", "1"));
        Path layout = temp.resolve("layout");
        StoreFixtures.ociLayout(layout, "docker.io/library/app:1", List.of(layer));
        Files.delete(StoreFixtures.blobPath(layout, Digest.sha256(layer)));
        assertThrows(MissingBlobException.class, () -> store.load(layout, ProgressListener.NONE));
        assertNothingStored();
    }

    @Test
    void anUnknownLayerMediaTypeIsRefusedAndLeavesNothingBehind() throws IOException {
        Path layout = temp.resolve("layout");
        StoreFixtures.ociLayout(layout, "docker.io/library/app:1", List.of(tar(Map.of("a", "1"))),
                "application/vnd.example.layer.v1.rar");
        UnsupportedMediaTypeException e = assertThrows(UnsupportedMediaTypeException.class,
                () -> store.load(layout, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("application/vnd.example.layer.v1.rar"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void anInvalidNameInAnArchiveIsRefused() throws IOException {
        Path layout = temp.resolve("layout");
        StoreFixtures.ociLayout(layout, "docker.io/library/App:1", List.of(tar(Map.of("a", "1"))));
        ImageStoreException e = assertThrows(ImageStoreException.class, () -> store.load(layout, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("gives an image a name jrocker cannot use: invalid image reference"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aFullIdThatIsNotHexIsNotFound() throws IOException {
        assertEquals(Optional.empty(), store.find("sha256:" + "z".repeat(64)));
    }

    @Test
    void rmiByNameDeletesTheImageAndTheLayersNoOtherImageUses() throws IOException {
        byte[] shared = tar(Map.of("etc/motd", "shared"));
        byte[] own = tar(Map.of("own", "own"));
        StoreFixtures.ociLayout(temp.resolve("a"), "docker.io/library/a:1", List.of(shared));
        StoreFixtures.ociLayout(temp.resolve("b"), "docker.io/library/b:1", List.of(shared, own));
        store.load(temp.resolve("a"), ProgressListener.NONE);
        StoredImage b = store.load(temp.resolve("b"), ProgressListener.NONE).get(0).image();

        ImageStore.Removal removal = store.remove("b:1", false);

        assertEquals(List.of("b:1"), removal.untagged());
        assertEquals(List.of(b.id()), removal.deleted());
        assertEquals(List.of(Digest.sha256(shared).hex()), list(data.resolve("layers")), "a still uses the shared layer");
        assertEquals(Optional.empty(), store.find(b.id().toString()));
        assertEquals(List.of(), list(data.resolve("tmp")));
    }

    /** One image loaded twice, as app:1 and as app:2: the same config bytes, so one image with two names. */
    private StoredImage loadedAsApp1And2() throws IOException {
        Path layout = temp.resolve("layout");
        StoreFixtures.ociLayout(layout, "docker.io/library/app:1", List.of(tar(Map.of("a", "1"))));
        store.load(layout, ProgressListener.NONE);
        StoreFixtures.ociLayout(layout, "docker.io/library/app:2", List.of(tar(Map.of("a", "1"))));
        return store.load(layout, ProgressListener.NONE).get(0).image();
    }

    @Test
    void rmiOfOneOfTwoNamesOnlyUntags() throws IOException {
        StoredImage image = loadedAsApp1And2();
        assertEquals(2, image.names().size(), "the same config bytes: one image, two names");

        ImageStore.Removal removal = store.remove("app:1", false);

        assertEquals(List.of(), removal.deleted());
        assertEquals(List.of(ImageReference.parse("app:2")), store.find(image.id().toString()).orElseThrow().names());
    }

    @Test
    void rmiByIdOfAnImageWithSeveralNamesNeedsForce() throws IOException {
        StoredImage image = loadedAsApp1And2();

        ImageStoreException refused = assertThrows(ImageStoreException.class, () -> store.remove(image.id().hex().substring(0, 12), false));
        assertEquals("unable to delete " + image.id().shortHex() + " (must be forced): the image is referenced in"
                + " several repositories (app:1, app:2)", refused.getMessage());

        ImageStore.Removal removal = store.remove(image.id().hex().substring(0, 12), true);
        assertEquals(List.of("app:1", "app:2"), removal.untagged());
        assertEquals(List.of(image.id()), removal.deleted());
        assertEquals(List.of(), list(data.resolve("layers")));
    }

    @Test
    void rmiRefusesAnImageAContainerUsesUnlessForcedAndThenKeepsIt() throws IOException {
        StoredImage image = importRootfs("busybox");
        Path container = Files.createDirectories(data.resolve("containers/1a2b3c4d5e6f7a8b9c0d"));
        Files.writeString(container.resolve("image"), image.id() + "\n");

        ImageStoreException refused = assertThrows(ImageStoreException.class, () -> store.remove("busybox", false));
        assertEquals("image busybox:latest is used by container 1a2b3c4d5e6f: remove the container first, or use rmi -f",
                refused.getMessage());
        assertTrue(store.find("busybox").isPresent(), "nothing changed");

        ImageStore.Removal removal = store.remove("busybox", true);
        assertEquals(List.of("busybox:latest"), removal.untagged());
        assertEquals(List.of(), removal.deleted(), "its layers are the container's file system: kept");
        assertTrue(Files.isDirectory(store.layerDirectoriesTopFirst(image).get(0)));

        Files.delete(container.resolve("image"));
        assertEquals(List.of(image.id()), store.remove(image.id().toString(), false).deleted());
        assertEquals(List.of(), list(data.resolve("layers")));
    }

    @Test
    void rmiOfAnUnknownImageSaysSo() {
        ImageStoreException e = assertThrows(ImageStoreException.class, () -> store.remove("nothere", false));
        assertEquals("no such image: nothere:latest", e.getMessage());
    }

    @Test
    void concurrentImportsKeepEveryName() throws Exception {
        Path tar = file("rootfs.tar", StoreFixtures.rootfsTar());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StoredImage>> imports = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ImageReference name = ImageReference.parse("app:" + i);
                imports.add(pool.submit(() -> ImageStore.open(new DataRoot(data)).importRootfs(tar, name, ProgressListener.NONE)));
            }
            for (Future<StoredImage> result : imports) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 16; i++) {
            assertTrue(store.find("app:" + i).isPresent(), "app:" + i + " lost: repositories.json was overwritten");
        }
        assertEquals(1, list(data.resolve("layers")).size(), "one layer, however many raced to unpack it");
        assertEquals(List.of(), list(data.resolve("tmp")));
    }

    @Test
    void aCorruptRepositoriesFileIsReportedAsSuch() throws IOException {
        Files.writeString(data.resolve("repositories.json"), "{not json");
        ImageStoreException e = assertThrows(ImageStoreException.class, () -> store.find("busybox"));
        assertTrue(e.getMessage().startsWith(data.resolve("repositories.json") + " is corrupt: "), e.getMessage());
    }

    @Test
    void workLeftByAKilledProcessIsRemovedOnOpen() throws IOException {
        Path abandoned = Files.createDirectories(data.resolve("tmp/999999999-deadbeef/layer"));
        ImageStore.open(new DataRoot(data));
        assertFalse(Files.exists(abandoned.getParent()));
    }

    private void assertNothingStored() throws IOException {
        assertEquals(List.of(), list(data.resolve("images")), "no image registered");
        assertEquals(List.of(), list(data.resolve("layers")), "no layer left");
        assertEquals(List.of(), list(data.resolve("tmp")), "nothing left in tmp");
        assertFalse(Files.exists(data.resolve("repositories.json"), LinkOption.NOFOLLOW_LINKS)
                && !Files.readString(data.resolve("repositories.json")).equals("{}"), "no name registered");
    }
}
