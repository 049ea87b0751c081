package jrocker.step05.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jrocker.step03.container.DataRoot;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step05.archive.OciLayoutReader;
import jrocker.step05.archive.UmociImages;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.Layer;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.Json;
import jrocker.step05.image.NoSuchImageException;
import jrocker.step05.image.Platform;
import jrocker.step05.layer.FakeLayerFileSystem;
import jrocker.step05.layer.LayerUnpacker;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.LayerProgress;
import jrocker.step05.store.StoredImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real registry (docker-registry on 127.0.0.1) into a store, with images pushed by skopeo:
 * an OCI image with whiteouts, the same as Docker schema 2 and with zstd layers, and a two-platform index.
 * A proxy in front plays a token server, a redirecting blob store, a dropped connection and a corrupt byte.
 * No root and no internet needed: whiteouts are faked ({@link FakeLayerFileSystem}).
 */
class RegistryPullTest {
    static final Platform AMD64 = Platform.parse("linux/amd64");
    static final Platform ARM64 = Platform.parse("linux/arm64/v8");

    @TempDir
    static Path shared;
    static TestRegistry registry;
    static Path layout;

    @TempDir
    Path temp;
    Path data;
    final FakeLayerFileSystem fs = new FakeLayerFileSystem();
    ImageStore store;
    RegistryProxy proxy;
    final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void pushImagesToARegistry() throws Exception {
        TestRegistry.assumeInstalled();
        Path registryDirectory = Files.createDirectories(shared.resolve("registry"));
        registry = TestRegistry.start(registryDirectory);
        Path images = Files.createDirectories(shared.resolve("images"));
        layout = UmociImages.layoutWithWhiteouts(images);
        registry.push("oci:" + layout + ":v1", "test/app:v1");
        registry.push("oci:" + layout + ":v1", "test/docker:v1", "--format", "v2s2");
        registry.push("oci:" + layout + ":v1", "test/zstd:v1", "--dest-compress-format", "zstd");
        addArm64ImageAndIndex(images);
        registry.push("oci:" + layout + ":multi", "test/multi:v1", "--all");
    }

    /** An arm64 image sharing the base layer, and an index "multi" listing it and v1 (amd64). */
    private static void addArm64ImageAndIndex(Path images) throws Exception {
        UmociImages.run(images, "umoci", "new", "--image", layout + ":arm");
        UmociImages.run(images, "umoci", "raw", "add-layer", "--image", layout + ":arm", images.resolve("base.tar").toString());
        UmociImages.run(images, "umoci", "config", "--image", layout + ":arm", "--architecture", "arm64",
                "--config.cmd", "/bin/sh");
        Map<String, Object> indexJson = Json.readObject(Files.readAllBytes(layout.resolve("index.json")), "index.json");
        @SuppressWarnings("unchecked") // an OCI layout's index.json: "manifests" is an array of objects
        List<Map<String, Object>> listedInLayout = (List<Map<String, Object>>) indexJson.get("manifests");
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (Map<String, Object> entry : listedInLayout) {
            Object name = ((Map<?, ?>) entry.get("annotations")).get("org.opencontainers.image.ref.name");
            Map<String, Object> listed = new LinkedHashMap<>(entry);
            listed.remove("annotations");
            if ("v1".equals(name)) {
                listed.put("platform", Map.of("architecture", "amd64", "os", "linux"));
                platforms.add(listed);
            } else if ("arm".equals(name)) {
                listed.put("platform", Map.of("architecture", "arm64", "os", "linux", "variant", "v8"));
                platforms.add(listed);
            }
        }
        Map<String, Object> imageIndex = new LinkedHashMap<>();
        imageIndex.put("schemaVersion", 2);
        imageIndex.put("mediaType", "application/vnd.oci.image.index.v1+json");
        imageIndex.put("manifests", platforms);
        byte[] blob = Json.write(imageIndex);
        Digest digest = Digest.sha256(blob);
        Files.write(layout.resolve("blobs/sha256/" + digest.hex()), blob);
        Map<String, Object> multi = new LinkedHashMap<>();
        multi.put("mediaType", "application/vnd.oci.image.index.v1+json");
        multi.put("digest", digest.toString());
        multi.put("size", blob.length);
        multi.put("annotations", Map.of("org.opencontainers.image.ref.name", "multi"));
        List<Map<String, Object>> manifests = new ArrayList<>(listedInLayout);
        manifests.add(multi);
        indexJson.put("manifests", manifests);
        Files.write(layout.resolve("index.json"), Json.write(indexJson));
    }

    @AfterAll
    static void stopTheRegistry() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void openStoreAndProxy() throws IOException {
        data = temp.resolve("data");
        store = ImageStore.open(new DataRoot(data), fs);
        proxy = new RegistryProxy(registry);
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    private ImageReference reference(String name) {
        return ImageReference.parse(proxy.host() + "/" + name);
    }

    private ImagePuller.Result pull(String name) throws IOException {
        return pull(name, AMD64);
    }

    private ImagePuller.Result pull(String name, Platform platform) throws IOException {
        return pull(reference(name), platform, true);
    }

    private ImagePuller.Result pull(ImageReference reference, Platform platform, boolean tlsVerify) throws IOException {
        return new ImagePuller(store, CredentialStore.NONE, 10).pull(reference, platform, tlsVerify,
                new ImagePuller.Listener() {
                    @Override
                    public synchronized void status(Layer layer, LayerProgress.Status status) {
                        progress.add(layer.number() + ": " + status);
                    }

                    @Override
                    public void bytes(Layer layer, long read) {
                    }

                    @Override
                    public synchronized void retrying(Digest blob, int attempt, long offset, IOException cause) {
                        progress.add("retry " + attempt);
                    }
                });
    }

    /**
     * The layer directories of a stored image, bottom first, each as path to "dir", "file:content" or
     * "link:target" (a fake whiteout is a link). Opaque marks are not compared: the fake keeps them by path,
     * and the store moves layers after unpacking them (the privileged IT runs pulled images on overlayfs).
     */
    private List<Map<String, String>> layers(StoredImage image) throws IOException {
        List<Path> bottomFirst = new ArrayList<>(store.layerDirectoriesTopFirst(image));
        java.util.Collections.reverse(bottomFirst);
        List<Map<String, String>> trees = new ArrayList<>();
        for (Path layer : bottomFirst) {
            trees.add(tree(layer));
        }
        return trees;
    }

    /** The layers of the image in the OCI layout, unpacked as a load would. */
    private List<Map<String, String>> expectedLayers() throws IOException {
        List<Map<String, String>> trees = new ArrayList<>();
        for (LayerSource layer : new OciLayoutReader(layout).image("v1").layers()) {
            Path directory = Files.createTempDirectory(temp, "expected-").resolve("layer-" + layer.layer().number());
            new LayerUnpacker(fs, new TarUnpacker().preservingOwners(false)).unpack(layer, directory);
            trees.add(tree(directory));
        }
        return trees;
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new java.util.TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(path -> !path.equals(root)).toList()) {
                String name = root.relativize(path).toString();
                tree.put(name, Files.isSymbolicLink(path) ? "link:" + Files.readSymbolicLink(path)
                        : Files.isDirectory(path) ? "dir" : "file:" + Files.readString(path));
            }
        }
        return tree;
    }

    @Test
    void pullsAnImageByTagWithItsWhiteoutsEnvAndWorkingDir() throws IOException {
        ImagePuller.Result result = pull("test/app:v1");
        StoredImage image = result.image();
        assertEquals(new OciLayoutReader(layout).image("v1").id(), image.id(), "the config's bytes: the same image ID");
        assertEquals(expectedLayers(), layers(image));
        assertTrue(layers(image).get(1).get("etc/motd").startsWith("link:"), "a whiteout: " + layers(image));
        assertTrue(image.config().env().contains("A=1"), image.config().env().toString());
        assertEquals("/etc", image.config().workingDir());
        assertEquals(List.of(reference("test/app:v1")), image.names());
        assertEquals(List.of(new ImageReference(proxy.host(), "test/app", null, result.digest())),
                store.repoDigests(image.id()));
        assertFalse(result.upToDate());
        for (int layer = 1; layer <= 3; layer++) {
            assertTrue(progress.contains(layer + ": Pulling fs layer") && progress.contains(layer + ": Pull complete"),
                    progress.toString());
        }
        assertNothingIn(data.resolve("tmp"));
    }

    @Test
    void aSecondPullDownloadsNothingAndAPullByDigestGetsTheSameImage() throws IOException {
        ImagePuller.Result first = pull("test/app:v1");
        proxy.requests.clear();
        ImagePuller.Result again = pull("test/app:v1");
        assertTrue(again.upToDate());
        assertEquals(first.image().id(), again.image().id());
        assertTrue(proxy.requests.stream().noneMatch(request -> request.contains("/blobs/")), proxy.requests.toString());

        store = ImageStore.open(new DataRoot(temp.resolve("other")), fs);
        ImagePuller.Result byDigest = pull("test/app@" + first.digest());
        assertEquals(first.image().id(), byDigest.image().id());
        assertEquals(List.of(), byDigest.image().names(), "a pull by digest gives no tag, as docker's");
        assertEquals(List.of(reference("test/app@" + first.digest())), store.repoDigests(byDigest.image().id()));
    }

    @Test
    void pullsDockerSchema2AndZstdImages() throws IOException {
        assertEquals(expectedLayers(), layers(pull("test/docker:v1").image()));
        StoredImage zstd = pull("test/zstd:v1").image();
        assertEquals(expectedLayers(), layers(zstd));
    }

    @Test
    void aMultiPlatformIndexGivesTheImageOfThePlatformAndLayersInTheStoreAreNotDownloaded() throws IOException {
        assertEquals("amd64", pull("test/multi:v1", AMD64).image().config().architecture());
        progress.clear();
        StoredImage arm = pull("test/multi:v1", ARM64).image();
        assertEquals("arm64", arm.config().architecture());
        assertEquals(List.of("1: Already exists"), progress, "the base layer is the amd64 image's first");

        NoSuchImageException none = assertThrows(NoSuchImageException.class,
                () -> pull("test/multi:v1", Platform.parse("linux/s390x")));
        assertTrue(none.getMessage().contains("has no image for linux/s390x (it has: linux/amd64, linux/arm64/v8)"),
                none.getMessage());
    }

    @Test
    void theLayersAreDownloadedThreeAtATime() throws IOException {
        List<LayerSource> layers = new OciLayoutReader(layout).image("v1").layers();
        assertEquals(ImagePuller.PARALLEL_DOWNLOADS, layers.size());
        proxy.gatherBlobs = layers.stream().map(layer -> layer.layer().digest().toString())
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(expectedLayers(), layers(pull("test/app:v1").image()));
        assertEquals(3, proxy.mostBlobsAtOnce.get(), "the image's three layers at once");
    }

    @Test
    void getsABearerTokenAndFollowsRedirectsWithoutSendingItToTheBlobStore() throws IOException {
        proxy.requireToken = true;
        proxy.redirectBlobs = true;
        assertEquals(expectedLayers(), layers(pull("test/app:v1").image()));
        assertTrue(proxy.requests.contains("TOKEN service=test-registry&scope=repository:test/app:pull"),
                proxy.requests.toString());
        assertTrue(proxy.requests.stream().anyMatch(request -> request.startsWith("GET /blobstore/")), proxy.requests.toString());
        assertEquals(List.of(), proxy.leakedAuthorization);
    }

    @Test
    void anUnknownTagOrNameIsOneLineNamingIt() {
        RegistryException tag = assertThrows(RegistryException.class, () -> pull("test/app:nope"));
        assertEquals("manifest unknown: " + proxy.host() + "/test/app:nope", tag.getMessage());
        RegistryException name = assertThrows(RegistryException.class, () -> pull("test/nothing:v1"));
        assertEquals("manifest unknown: " + proxy.host() + "/test/nothing:v1", name.getMessage());
    }

    @Test
    void aRegistryThatIsNotThereIsOneLine() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ImageReference nowhere = ImageReference.parse("127.0.0.1:" + port + "/app");
        RegistryException refused = assertThrows(RegistryException.class, () -> pull(nowhere, AMD64, true));
        assertTrue(refused.getMessage().startsWith("cannot connect to http://127.0.0.1:" + port), refused.getMessage());
        RegistryException neither = assertThrows(RegistryException.class, () -> pull(nowhere, AMD64, false));
        assertTrue(neither.getMessage().startsWith("cannot connect to https://127.0.0.1:" + port)
                && neither.getMessage().contains("; over plain HTTP: cannot connect to http://127.0.0.1:" + port),
                neither.getMessage());
        assertFalse(neither.getMessage().contains("\n"), neither.getMessage());
    }

    @Test
    void anIpv6LoopbackRegistryInBracketsIsPlainHttpWithoutAFlag() throws IOException {
        try (RegistryProxy ipv6 = new RegistryProxy(registry, InetAddress.getByName("::1"), null)) {
            assertTrue(ipv6.host().startsWith("[::1]:"), ipv6.host());
            ImageReference reference = ImageReference.parse(ipv6.host() + "/test/app:v1");
            StoredImage image = pull(reference, AMD64, true).image();
            assertEquals(expectedLayers(), layers(image));
            assertEquals(List.of(reference), image.names());
            assertTrue(ipv6.requests.contains("GET /v2/"), ipv6.requests.toString());
        }
    }

    @Test
    void tlsVerifyFalsePullsFromARegistryWhoseCertificateNobodySigned() throws Exception {
        try (RegistryProxy https = new RegistryProxy(registry, InetAddress.getLoopbackAddress(),
                SelfSignedTls.serverContext(temp))) {
            https.requireToken = true; // its token server is on HTTPS too
            // Verified, as any registry off this machine is: refused, in one line that says what would do.
            Registry verified = new Registry(https.host(), URI.create("https://" + https.host() + "/v2/"), true);
            RegistryException untrusted = assertThrows(RegistryException.class,
                    () -> new RegistryClient(verified, "test/app", null).ping());
            assertTrue(untrusted.getMessage().startsWith("TLS with " + https.host() + " failed: ")
                    && untrusted.getMessage().endsWith("(a registry without a valid certificate: --tls-verify=false,"
                    + " if you trust the network)"), untrusted.getMessage());
            assertEquals(List.of(), https.requests, "nothing was asked before the certificate was refused");

            StoredImage image = pull(ImageReference.parse(https.host() + "/test/app:v1"), AMD64, false).image();
            assertEquals(expectedLayers(), layers(image));
            assertTrue(https.requests.contains("TOKEN service=test-registry&scope=repository:test/app:pull"),
                    https.requests.toString());
        }
    }

    @Test
    void tlsVerifyFalseFallsBackToPlainHttpForARegistryWithoutTls() throws IOException {
        // docker-registry itself, without the proxy: it speaks plain HTTP only
        ImageReference reference = ImageReference.parse(registry.host() + "/test/app:v1");
        assertEquals(expectedLayers(), layers(pull(reference, AMD64, false).image()));
    }

    @Test
    void aDroppedConnectionIsResumedWhereItBrokeOff() throws IOException {
        proxy.dropBlobs.set(2);
        assertEquals(expectedLayers(), layers(pull("test/app:v1").image()));
        assertEquals(2, progress.stream().filter(line -> line.startsWith("retry")).count(), progress.toString());
        assertEquals(0, proxy.dropBlobs.get());
    }

    @Test
    void aConnectionThatKeepsDroppingFailsInOneLineLeavesNothingAndTheNextPullWorks() throws IOException {
        proxy.dropBlobs.set(1000);
        RegistryException broken = assertThrows(RegistryException.class, () -> pull("test/app:v1"));
        assertTrue(broken.getMessage().matches("the download of the blob sha256:[0-9a-f]{64} of " + Pattern.quote(proxy.host())
                + "/test/app broke off 4 times, the last time after [0-9]+ of [0-9]+ bytes: .*"), broken.getMessage());
        assertEquals(1, broken.getMessage().lines().count(), broken.getMessage());
        assertEquals(List.of(), store.list(), "no half image");
        for (String directory : List.of("layers", "images", "tmp")) {
            assertNothingIn(data.resolve(directory));
        }
        proxy.dropBlobs.set(0);
        assertEquals(expectedLayers(), layers(pull("test/app:v1").image()));
    }

    @Test
    void aCorruptBlobLeavesNothingAndTheNextPullWorks() throws IOException {
        proxy.corruptBlobs = true;
        DigestMismatchException corrupt = assertThrows(DigestMismatchException.class, () -> pull("test/app:v1"));
        assertTrue(corrupt.getMessage().contains("is corrupt"), corrupt.getMessage());
        assertEquals(List.of(), store.list(), "no half image");
        for (String directory : List.of("layers", "images", "tmp")) {
            assertNothingIn(data.resolve(directory));
        }
        proxy.corruptBlobs = false;
        assertEquals(expectedLayers(), layers(pull("test/app:v1").image()));
    }

    private static void assertNothingIn(Path directory) throws IOException {
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(List.of(), left.toList(), directory.toString());
        }
    }

    @Test
    void credentialsAnswerABasicChallengeAndATokenServerThatWantsThem() throws IOException {
        Credentials alice = new Credentials("alice", "s3cret");
        proxy.requireBasic = alice;
        RegistryException anonymous = assertThrows(RegistryException.class, () -> pull("test/app:v1"));
        assertTrue(anonymous.getMessage().startsWith("unauthorized: " + proxy.host() + " wants a user name and password"),
                anonymous.getMessage());
        Registry registry = Registry.of(proxy.host(), true);
        assertThrows(RegistryException.class,
                () -> new RegistryClient(registry, null, new Credentials("alice", "wrong")).checkCredentials());
        new RegistryClient(registry, null, alice).checkCredentials();
        ImagePuller puller = new ImagePuller(store, domain -> domain.equals(proxy.host()) ? alice : null, 10);
        assertEquals(3, puller.pull(reference("test/app:v1"), AMD64, true, new ImagePuller.Listener() {
            @Override
            public void status(Layer layer, LayerProgress.Status status) {
            }

            @Override
            public void bytes(Layer layer, long read) {
            }
        }).image().diffIds().size());

        proxy.requireBasic = null;
        proxy.requireToken = true;
        proxy.tokenCredentials = alice;
        RegistryException refused = assertThrows(RegistryException.class,
                () -> new RegistryClient(registry, null, new Credentials("alice", "wrong")).checkCredentials());
        assertTrue(refused.getMessage().startsWith("unauthorized: the token server"), refused.getMessage());
        new RegistryClient(registry, null, alice).checkCredentials();
    }
}
