package jrocker.step05.archive;

import static jrocker.step05.archive.Fixtures.utf8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarWriter;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.Json;

/** Writes {@code docker save} archives for tests, in the three layouts that exist in the wild. */
final class DockerArchiveBuilder {
    /** Where the layer files go. */
    enum Style {
        /** docker before 25: {@code <id>/layer.tar}, config {@code <hex>.json}. */
        LEGACY,
        /** skopeo: {@code <diffid>.tar}, plus {@code <id>/layer.tar} symlinks to it, which manifest.json names. */
        SKOPEO_SYMLINKS,
        /** docker 25 and newer: {@code blobs/sha256/<hex>} for the config and the layers. */
        BLOBS
    }

    private final List<Member> members = new ArrayList<>();
    private final List<Object> manifest = new ArrayList<>();
    private final Style style;
    private int images;

    DockerArchiveBuilder(Style style) {
        this.style = style;
    }

    /** Add an image of {@code layers} (stored as given: plain or compressed tars) with {@code diffIds}. */
    DockerArchiveBuilder image(List<String> repoTags, List<byte[]> layers, List<Digest> diffIds) {
        images++;
        byte[] config = ImageConfig.of(OciLayoutBuilder.AMD64, diffIds).withCmd(List.of("/bin/sh")).toJson();
        String configName = style == Style.BLOBS ? "blobs/sha256/" + Digest.sha256(config).hex()
                : Digest.sha256(config).hex() + ".json";
        List<Object> layerNames = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byte[] layer = layers.get(i);
            String legacyId = Digest.sha256(utf8("image " + images + " layer " + i)).hex();
            String name = switch (style) {
                case LEGACY -> legacyId + "/layer.tar";
                case SKOPEO_SYMLINKS -> {
                    String file = Digest.sha256(layer).hex() + ".tar";
                    members.add(Member.bytes(file, layer));
                    members.add(Member.symlink(legacyId + "/layer.tar", "../" + file));
                    yield legacyId + "/layer.tar";
                }
                case BLOBS -> "blobs/sha256/" + Digest.sha256(layer).hex();
            };
            if (style != Style.SKOPEO_SYMLINKS) {
                members.add(Member.bytes(name, layer));
            }
            layerNames.add(name);
        }
        members.add(Member.bytes(configName, config));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Config", configName);
        entry.put("RepoTags", repoTags == null ? null : new ArrayList<Object>(repoTags));
        entry.put("Layers", layerNames);
        manifest.add(entry);
        return this;
    }

    /** An image of uncompressed layers, each its own diff ID. */
    DockerArchiveBuilder image(String repoTag, byte[]... tars) {
        List<Digest> diffIds = new ArrayList<>();
        for (byte[] tar : tars) {
            diffIds.add(Digest.sha256(tar));
        }
        return image(repoTag == null ? null : List.of(repoTag), List.of(tars), diffIds);
    }

    byte[] bytes() {
        List<Member> all = new ArrayList<>(members);
        all.add(Member.bytes("manifest.json", Json.write(manifest))); // docker writes it last
        all.add(Member.file("repositories", "{}"));
        return TarArchive.tar(all);
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    /** A tar of a whole directory tree (for OCI layouts packed as a tar), names relative to it. */
    static Path tarDirectory(Path directory, Path file) throws IOException {
        List<Path> paths;
        try (var walk = Files.walk(directory)) {
            paths = walk.filter(path -> !path.equals(directory)).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(file); TarWriter tar = new TarWriter(out)) {
            for (Path path : paths) {
                String name = directory.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    tar.write(TarEntry.directory(name, 0755));
                } else {
                    byte[] content = Files.readAllBytes(path);
                    tar.write(TarEntry.file(name, 0644, content.length), content);
                }
            }
        }
        return file;
    }
}
