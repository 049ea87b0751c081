package jrocker.step05.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What overlayfs shows when it stacks layer directories, computed in Java: the rules of the kernel's
 * lookup, so tests can check unpacked layers without mounting anything. Top layer first. For each name,
 * going down the layers: a whiteout hides the name from there on; a file or symlink is the answer (if
 * nothing above it was a directory); directories merge, until one is opaque. As in the kernel, the layers'
 * root directories always merge (an opaque mark on a layer's root is not looked at).
 */
public final class SimulatedOverlay {
    private final LayerFileSystem fileSystem;
    private final Map<String, String> merged = new TreeMap<>();

    private SimulatedOverlay(LayerFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** Path to "dir", "file:content" or "link:target", for everything the merged view shows. */
    public static Map<String, String> merge(List<Path> layersTopFirst, LayerFileSystem fileSystem) throws IOException {
        SimulatedOverlay overlay = new SimulatedOverlay(fileSystem);
        overlay.directory(layersTopFirst, "");
        return overlay.merged;
    }

    private void directory(List<Path> directories, String prefix) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path directory : directories) {
            try (Stream<Path> children = Files.list(directory)) {
                children.forEach(child -> names.add(child.getFileName().toString()));
            }
        }
        for (String name : names) {
            List<Path> mergedDirectories = new ArrayList<>();
            for (Path directory : directories) {
                Path path = directory.resolve(name);
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (fileSystem.isWhiteout(path)) {
                    break;
                }
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    if (mergedDirectories.isEmpty()) {
                        merged.put(prefix + name, Files.isSymbolicLink(path) ? "link:" + Files.readSymbolicLink(path)
                                : "file:" + Files.readString(path, StandardCharsets.UTF_8));
                    }
                    break; // a file hides what is below it; below a directory, it is hidden
                }
                mergedDirectories.add(path);
                if (fileSystem.isOpaque(path)) {
                    break;
                }
            }
            if (!mergedDirectories.isEmpty()) {
                merged.put(prefix + name, "dir");
                directory(mergedDirectories, prefix + name + "/");
            }
        }
    }
}
