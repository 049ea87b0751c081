package jrocker.step05.blob;

import java.util.Objects;
import jrocker.step05.image.Digest;

/**
 * One layer of an image, as the manifest and the config describe it. Two digests name it:
 * <ul>
 *   <li>{@code digest}: of the blob as stored (and downloaded), usually compressed; with {@code size};</li>
 *   <li>{@code diffId}: of the uncompressed tar, from the config's {@code rootfs.diff_ids}. The same
 *       content compressed twice gives two blobs but one diff ID, so the diff ID is what identifies an
 *       unpacked layer on disk.</li>
 * </ul>
 *
 * @param number 1 for the bottom layer, counting up: how messages name layers ("layer 2 of ...")
 */
public record Layer(int number, Digest digest, long size, String mediaType, Compression compression, Digest diffId) {

    public Layer {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(diffId, "diffId");
        if (number < 1) {
            throw new IllegalArgumentException("layers are numbered from 1 (the bottom one): " + number);
        }
    }
}
