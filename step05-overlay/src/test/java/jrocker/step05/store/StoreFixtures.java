package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jrocker.step03.testing.TarArchive;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step05.image.Digest;
import jrocker.step05.image.Json;
import jrocker.step05.image.Platform;

/** Small tars and OCI layouts for the store's and the image commands' tests, built in memory. */
public final class StoreFixtures {
    private StoreFixtures() {
    }

    /** A tar of text files ("etc/motd" -> "hi"); a value starting with "->" makes a symlink instead. */
    public static byte[] tar(Map<String, String> files) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            members.add(file.getValue().startsWith("->")
                    ? Member.symlink(file.getKey(), file.getValue().substring(2))
                    : Member.file(file.getKey(), file.getValue()));
        }
        return TarArchive.tar(members);
    }

    /** A tiny root file system: /bin/sh (a symlink, as in busybox), /etc/motd. */
    public static byte[] rootfsTar() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bin/busybox", "not really busybox");
        files.put("bin/sh", "->busybox");
        files.put("etc/motd", "hello");
        return tar(files);
    }

    /**
     * Write an OCI image layout at {@code directory}: one image of the given layer tars (bottom first,
     * stored uncompressed), whose index entry is named {@code refName} (null: no name). Returns the image ID.
     */
    public static Digest ociLayout(Path directory, String refName, List<byte[]> layers) throws IOException {
        return ociLayout(directory, refName, layers, "application/vnd.oci.image.layer.v1.tar");
    }

    /** The same, with another media type for the layers (to test refusals). */
    public static Digest ociLayout(Path directory, String refName, List<byte[]> layers, String layerMediaType)
            throws IOException {
        Path blobs = Files.createDirectories(directory.resolve("blobs/sha256"));
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        List<Object> layerDescriptors = new ArrayList<>();
        List<Object> diffIds = new ArrayList<>();
        for (byte[] layer : layers) {
            Digest digest = blob(blobs, layer);
            diffIds.add(digest.toString());
            layerDescriptors.add(descriptor(layerMediaType, digest, layer.length));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2024-01-02T03:04:05Z");
        config.put("architecture", Platform.current().architecture());
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("sh"), "Env", List.of("PATH=/bin")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configJson = Json.write(config);
        Digest configDigest = blob(blobs, configJson);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2L);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.put("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, configJson.length));
        manifest.put("layers", layerDescriptors);
        byte[] manifestJson = Json.write(manifest);
        Map<String, Object> manifestDescriptor = descriptor("application/vnd.oci.image.manifest.v1+json",
                blob(blobs, manifestJson), manifestJson.length);
        if (refName != null) {
            manifestDescriptor.put("annotations", Map.of("org.opencontainers.image.ref.name", refName));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2L);
        index.put("manifests", List.of(manifestDescriptor));
        Files.write(directory.resolve("index.json"), Json.write(index));
        return configDigest;
    }

    /** The path of the blob with this digest in an OCI layout. */
    public static Path blobPath(Path layout, Digest digest) {
        return layout.resolve("blobs/sha256").resolve(digest.hex());
    }

    private static Digest blob(Path blobs, byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        Files.write(blobs.resolve(digest.hex()), content);
        return digest;
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest.toString());
        descriptor.put("size", size);
        return descriptor;
    }

    /** The names in a directory, sorted ([] when it is missing): "nothing left in tmp" is {@code list(tmp).isEmpty()}. */
    public static List<String> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
