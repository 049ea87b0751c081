package jrocker.step05.store;

import java.time.Instant;
import java.util.List;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageReference;

/**
 * An image in the {@link ImageStore}.
 *
 * @param id      the sha256 of the exact config JSON bytes, as docker computes it
 * @param names   the names (name:tag) that point to it, sorted; empty for an untagged ("dangling") image
 * @param config  its config (Entrypoint, Cmd, Env, ..., the layers' diff IDs)
 * @param created when the image was built: the config's {@code created}, or else when it was stored
 * @param size    the bytes of the regular files in its layer directories (what {@code images} shows)
 */
public record StoredImage(Digest id, List<ImageReference> names, ImageConfig config, Instant created, long size) {
    public StoredImage {
        names = List.copyOf(names);
    }

    /** The layers' diff IDs, bottom layer first: the config's {@code rootfs.diff_ids}. */
    public List<Digest> diffIds() {
        return config.diffIds();
    }
}
