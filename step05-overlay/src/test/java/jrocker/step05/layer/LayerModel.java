package jrocker.step05.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step03.testing.TarArchive;

/**
 * Layers as lists of changes, the form property tests generate, and the OCI specification's meaning of
 * them ("applying changesets"), computed on plain maps: the reference that unpacked-and-stacked layer
 * directories must agree with.
 */
final class LayerModel {
    private LayerModel() {
    }

    enum Kind { FILE, SYMLINK, DIRECTORY, DELETION, OPAQUE }

    /** One change: {@code content} is a file's text or a symlink's target. */
    record Change(Kind kind, String path, String content, int mode) {
        boolean isLeaf() {
            return kind == Kind.FILE || kind == Kind.SYMLINK || kind == Kind.DIRECTORY;
        }

        boolean isNonDirectory() {
            return kind == Kind.FILE || kind == Kind.SYMLINK;
        }
    }

    static boolean isAncestor(String ancestor, String path) {
        return path.startsWith(ancestor + "/");
    }

    static List<String> ancestors(String path) {
        List<String> ancestors = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            ancestors.add(path.substring(0, slash));
        }
        return ancestors;
    }

    /**
     * The changes a tar unpacker can take (no file where a directory is needed). Whiteouts and opaque
     * markers may otherwise meet leaves of the same layer in every way; with {@code canonical}, they do
     * not (as docker writes layers), so the layer survives a trip through overlayfs's form unchanged.
     * The parent directories of everything are added as entries.
     */
    static List<Change> layer(List<Change> raw, boolean canonical) {
        List<Change> leaves = new ArrayList<>();
        for (Change change : raw) {
            if (change.isLeaf() && leaves.stream().noneMatch(kept -> conflict(kept, change))) {
                leaves.add(change);
            }
        }
        List<Change> deletions = new ArrayList<>();
        for (Change change : raw) {
            if (change.kind() == Kind.DELETION && underNonDirectory(change.path(), leaves)
                    && (!canonical || leaves.stream().noneMatch(l -> l.path().equals(change.path()) || isAncestor(change.path(), l.path()))
                    && deletions.stream().noneMatch(d -> d.path().equals(change.path()) || isAncestor(d.path(), change.path())
                            || isAncestor(change.path(), d.path())))) {
                deletions.add(change);
            }
        }
        List<Change> opaques = new ArrayList<>();
        for (Change change : raw) {
            if (change.kind() == Kind.OPAQUE && underNonDirectory(change.path(), leaves)
                    && leaves.stream().noneMatch(l -> l.isNonDirectory() && l.path().equals(change.path()))
                    && opaques.stream().noneMatch(o -> o.path().equals(change.path()))
                    && (!canonical || deletions.stream().noneMatch(d -> d.path().equals(change.path())
                            || isAncestor(d.path(), change.path()) || isAncestor(change.path(), d.path())))) {
                opaques.add(change);
            }
        }
        List<Change> layer = new ArrayList<>(leaves);
        layer.addAll(deletions);
        layer.addAll(opaques);
        Set<String> directories = new TreeSet<>();
        leaves.stream().filter(c -> c.kind() == Kind.DIRECTORY).forEach(c -> directories.add(c.path()));
        for (Change change : new ArrayList<>(layer)) {
            List<String> needed = ancestors(change.path());
            if (change.kind() == Kind.OPAQUE && canonical) {
                needed.add(change.path()); // docker writes the opaque directory's own entry too
            }
            for (String directory : needed) {
                if (directories.add(directory)) {
                    layer.add(new Change(Kind.DIRECTORY, directory, "", 0755));
                }
            }
        }
        return layer;
    }

    private static boolean conflict(Change kept, Change change) {
        return kept.path().equals(change.path())
                || kept.isNonDirectory() && isAncestor(kept.path(), change.path())
                || change.isNonDirectory() && isAncestor(change.path(), kept.path());
    }

    /** True if no non-directory leaf is a strict ancestor of {@code path} (the name is reachable). */
    private static boolean underNonDirectory(String path, List<Change> leaves) {
        return leaves.stream().noneMatch(l -> l.isNonDirectory() && isAncestor(l.path(), path));
    }

    static byte[] tar(List<Change> layer) {
        List<Member> members = new ArrayList<>();
        for (Change change : layer) {
            members.add(switch (change.kind()) {
                case FILE -> new Member(TarEntry.file(change.path(), change.mode(), utf8(change.content()).length),
                        utf8(change.content()));
                case SYMLINK -> Member.symlink(change.path(), change.content());
                case DIRECTORY -> new Member(TarEntry.directory(change.path(), change.mode()), new byte[0]);
                case DELETION -> Member.file(Whiteouts.deletionEntry(change.path()), "");
                case OPAQUE -> Member.file(Whiteouts.opaqueEntry(change.path()), "");
            });
        }
        return TarArchive.tar(members);
    }

    /** What a layer says, independent of entry order and marker metadata. */
    static Set<String> meaning(List<Change> layer) {
        Set<String> meaning = new TreeSet<>();
        for (Change change : layer) {
            meaning.add(switch (change.kind()) {
                case FILE -> "file " + change.path() + " " + Integer.toOctalString(change.mode()) + " " + change.content();
                case SYMLINK -> "symlink " + change.path() + " -> " + change.content();
                case DIRECTORY -> "directory " + change.path() + " " + Integer.toOctalString(change.mode());
                case DELETION -> "deleted " + change.path();
                case OPAQUE -> "opaque " + change.path();
            });
        }
        return meaning;
    }

    /** {@link #meaning} of a layer tar. */
    static Set<String> meaning(byte[] tar) throws IOException {
        List<Change> changes = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                Whiteouts.Meaning meaning = Whiteouts.classify(entry.name());
                String content = new String(reader.content().readAllBytes(), StandardCharsets.UTF_8);
                changes.add(switch (meaning.kind()) {
                    case DELETION -> new Change(Kind.DELETION, meaning.path(), "", 0);
                    case OPAQUE_DIRECTORY -> new Change(Kind.OPAQUE, meaning.path(), "", 0);
                    case AUFS_METADATA -> throw new AssertionError("unexpected " + entry.name());
                    case ORDINARY -> switch (entry.type()) {
                        case FILE -> new Change(Kind.FILE, meaning.path(), content, entry.mode());
                        case SYMLINK -> new Change(Kind.SYMLINK, meaning.path(), entry.linkName(), 0);
                        case DIRECTORY -> new Change(Kind.DIRECTORY, meaning.path(), "", entry.mode());
                        default -> throw new AssertionError("unexpected " + entry);
                    };
                });
            }
        }
        return meaning(changes);
    }

    /**
     * The file system after {@code layer} is applied on {@code lower} (path to "dir", "file:..." or
     * "link:..."), by the OCI rules: whiteouts and opaque markers hide what the lower layers have; then
     * the layer's entries are added, each with its parent directories; a directory merges with a lower
     * directory and replaces anything else; a file or symlink replaces whatever was there.
     */
    static Map<String, String> apply(Map<String, String> lower, List<Change> layer) {
        TreeMap<String, String> result = new TreeMap<>(lower);
        for (Change change : layer) {
            if (change.kind() == Kind.DELETION) {
                removeTree(result, change.path());
            } else if (change.kind() == Kind.OPAQUE) {
                result.keySet().removeIf(path -> isAncestor(change.path(), path));
            }
        }
        for (Change change : layer) {
            ancestors(change.path()).forEach(directory -> makeDirectory(result, directory));
            switch (change.kind()) {
                case DIRECTORY, OPAQUE -> makeDirectory(result, change.path());
                case FILE -> replace(result, change.path(), "file:" + change.content());
                case SYMLINK -> replace(result, change.path(), "link:" + change.content());
                case DELETION -> {
                    // done above
                }
            }
        }
        return result;
    }

    private static void makeDirectory(Map<String, String> files, String path) {
        if (!"dir".equals(files.get(path))) {
            replace(files, path, "dir");
        }
    }

    private static void replace(Map<String, String> files, String path, String value) {
        removeTree(files, path);
        files.put(path, value);
    }

    private static void removeTree(Map<String, String> files, String path) {
        files.keySet().removeIf(existing -> existing.equals(path) || isAncestor(path, existing));
    }

    static Map<String, String> empty() {
        return new LinkedHashMap<>();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
