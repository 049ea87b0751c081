package jrocker.step05.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A layer that can be read: its description and a way to open its blob. Valid as long as the
 * image archive it came from is open.
 *
 * <p>Everything read through it is verified: the blob against its digest and size, the uncompressed tar
 * against the diff ID. Verification can only happen at the end of a stream, so a caller must treat what it
 * unpacked as untrusted until {@link LayerStream#finish()} returns (the layer unpacker does).
 */
public final class LayerSource {
    /** Opens the stored bytes of a blob, from wherever the archive keeps them. */
    @FunctionalInterface
    public interface BlobOpener {
        InputStream open() throws IOException;
    }

    private final Layer layer;
    private final BlobOpener blob;
    private final String origin;

    /** @param origin the archive, for messages: "the OCI layout /x" */
    public LayerSource(Layer layer, BlobOpener blob, String origin) {
        this.layer = Objects.requireNonNull(layer);
        this.blob = Objects.requireNonNull(blob);
        this.origin = Objects.requireNonNull(origin);
    }

    public Layer layer() {
        return layer;
    }

    /** "layer 2 of the OCI layout /x". */
    public String description() {
        return "layer " + layer.number() + " of " + origin;
    }

    /**
     * The same layer, its blob's stream passed through {@code wrap} as it is opened: to watch the bytes go
     * by (a progress bar counting them), not to change them. Verification stays outside the wrapper, so
     * the bytes are still checked, and only once.
     */
    public LayerSource observed(UnaryOperator<InputStream> wrap) {
        return new LayerSource(layer, () -> wrap.apply(blob.open()), origin);
    }

    /** The blob as stored (compressed or not), verified against the layer's digest and size at its end. */
    public VerifyingInputStream openBlob() throws IOException {
        return new VerifyingInputStream(blob.open(), layer.digest(), layer.size(),
                "blob " + layer.digest() + " of layer " + layer.number() + " in " + origin);
    }

    /**
     * The uncompressed tar. At its end (or at {@link LayerStream#finish()}) both the blob and the diff ID
     * are checked, and a mismatch throws a {@link DigestMismatchException}.
     */
    public LayerStream openUncompressed() throws IOException {
        VerifyingInputStream stored = openBlob();
        try {
            InputStream tar = layer.compression().decompress(stored, description());
            return new LayerStream(stored, tar, layer.diffId(), description());
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return description() + " (" + layer.digest() + ", " + layer.mediaType() + ")";
    }
}
