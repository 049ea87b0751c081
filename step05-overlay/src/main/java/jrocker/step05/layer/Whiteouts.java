package jrocker.step05.layer;

import java.util.ArrayList;
import java.util.List;
import jrocker.step05.image.ImageFormatException;

/**
 * How image layers record deletions, and how overlayfs does. The same fact has two spellings:
 * <pre>
 *                              in an OCI layer tar                 in an overlayfs layer directory
 *   etc/motd was deleted       an empty file etc/.wh.motd          a character device etc/motd, 0/0
 *   etc's old content is gone  an empty file etc/.wh..wh..opq      xattr trusted.overlay.opaque=y on etc
 * </pre>
 * A tar cannot hold "nothing here", so OCI (after AUFS) uses marker files; overlayfs marks the name itself.
 * Unpacking a layer for overlayfs translates the first column into the second ({@link WhiteoutFilter});
 * a commit translates back ({@link UpperDirArchiver}). This class only knows the names.
 *
 * <p>Other names starting with {@code .wh..wh.} are AUFS's own bookkeeping (e.g. {@code .wh..wh.plnk},
 * hardlink storage). Docker skips them when unpacking, and so do we.
 */
public final class Whiteouts {
    /** The prefix of a deletion marker: {@code .wh.NAME} deletes NAME. */
    public static final String PREFIX = ".wh.";
    /** The name of an opaque-directory marker. */
    public static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** The prefix of AUFS metadata, which is not part of the image's content. */
    static final String AUFS_META_PREFIX = ".wh..wh.";

    private Whiteouts() {
    }

    /** What a layer entry's name means. */
    public enum Kind {
        /** A file, directory or link of the layer: unpack it. */
        ORDINARY,
        /** {@code dir/.wh.NAME}: {@code dir/NAME} of the lower layers is deleted. */
        DELETION,
        /** {@code dir/.wh..wh..opq}: the lower layers' content of {@code dir} is hidden. */
        OPAQUE_DIRECTORY,
        /** {@code .wh..wh.*} other than the opaque marker, and everything inside it: AUFS bookkeeping, skipped. */
        AUFS_METADATA
    }

    /**
     * The kind of an entry and the path it is about, normalized (no {@code ./}, no leading or trailing
     * {@code /}): for {@code ./etc/.wh.motd}, DELETION of {@code etc/motd}; for {@code etc/.wh..wh..opq},
     * OPAQUE_DIRECTORY {@code etc} ("" is the layer's root).
     */
    public record Meaning(Kind kind, String path) {
    }

    /** What {@code entryName} means; a {@code .wh.} marker without a name is an {@link ImageFormatException}. */
    public static Meaning classify(String entryName) throws ImageFormatException {
        // tag::exercise-whiteout-names[]
        List<String> parts = components(entryName);
        if (parts.isEmpty()) {
            return new Meaning(Kind.ORDINARY, "");
        }
        String base = parts.get(parts.size() - 1);
        String parent = String.join("/", parts.subList(0, parts.size() - 1));
        if (base.equals(OPAQUE_MARKER)) {
            return new Meaning(Kind.OPAQUE_DIRECTORY, parent);
        }
        if (base.startsWith(AUFS_META_PREFIX) || parts.stream().limit(parts.size() - 1).anyMatch(p -> p.startsWith(AUFS_META_PREFIX))) {
            return new Meaning(Kind.AUFS_METADATA, String.join("/", parts));
        }
        if (base.startsWith(PREFIX)) {
            String deleted = base.substring(PREFIX.length());
            if (deleted.isEmpty()) {
                throw new ImageFormatException("layer entry " + entryName + " is a whiteout without a name"
                        + " (.wh. must be followed by the name of the deleted file)");
            }
            return new Meaning(Kind.DELETION, parent.isEmpty() ? deleted : parent + "/" + deleted);
        }
        return new Meaning(Kind.ORDINARY, String.join("/", parts));
        // end::exercise-whiteout-names[]
    }

    /** The tar entry name that deletes {@code path}: {@code etc/motd} becomes {@code etc/.wh.motd}. */
    public static String deletionEntry(String path) {
        // tag::exercise-whiteout-names[]
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the root of a layer cannot be deleted");
        }
        String parent = String.join("/", parts.subList(0, parts.size() - 1));
        String marker = PREFIX + parts.get(parts.size() - 1);
        return parent.isEmpty() ? marker : parent + "/" + marker;
        // end::exercise-whiteout-names[]
    }

    /** The tar entry name that makes {@code directory} opaque: {@code etc} becomes {@code etc/.wh..wh..opq}. */
    public static String opaqueEntry(String directory) {
        // tag::exercise-whiteout-names[]
        String normalized = String.join("/", components(directory));
        return normalized.isEmpty() ? OPAQUE_MARKER : normalized + "/" + OPAQUE_MARKER;
        // end::exercise-whiteout-names[]
    }

    /** Split at slashes, dropping empty and {@code .} components ({@code ..} is left for the unpacker to refuse). */
    static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }
}
