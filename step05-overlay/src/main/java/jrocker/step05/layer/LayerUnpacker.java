package jrocker.step05.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import jrocker.step03.rootfs.ReadAheadInputStream;
import jrocker.step03.rootfs.RootfsDirectory;
import jrocker.step03.rootfs.TarUnpacker;
import jrocker.step03.rootfs.UnpackSummary;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.blob.LayerStream;

/**
 * Unpacks one image layer into its own directory, ready to be an overlayfs lower layer: step03's
 * {@link TarUnpacker} (safe paths, modes, owners, links) plus a {@link WhiteoutFilter} for the markers.
 * Each layer is unpacked on its own, not on top of the one below: overlayfs does the stacking, at mount
 * time. So a layer directory depends only on its layer, and can be named by its diff ID and shared by
 * every image that has that layer.
 *
 * <p>The layer is verified (blob digest, diff ID) after the tar has been unpacked: only then have all
 * its bytes been seen. If it does not verify, or anything else fails, the directory is deleted again:
 * a half-unpacked or corrupt layer is never left behind for a container to run on.
 */
public final class LayerUnpacker {
    private final LayerFileSystem fileSystem;
    private final TarUnpacker tarUnpacker;

    /** With the real whiteouts and opaque directories; owners kept when running as root. */
    public LayerUnpacker() {
        this(new LinuxLayerFileSystem(), new TarUnpacker());
    }

    /** {@code tarUnpacker} may carry a listener or an owner policy; its filter is replaced. */
    public LayerUnpacker(LayerFileSystem fileSystem, TarUnpacker tarUnpacker) {
        this.fileSystem = fileSystem;
        this.tarUnpacker = tarUnpacker;
    }

    /** Create {@code target} (it must not exist), unpack {@code layer} into it and verify the layer. */
    public UnpackSummary unpack(LayerSource layer, Path target) throws IOException {
        try (LayerStream tar = layer.openUncompressed()) {
            UnpackSummary summary = unpackTar(tar, target);
            // unpackTar read the stream to its end, where the checks ran; finish() says so explicitly (and
            // would read and check whatever was left, should that ever change).
            deletingOnFailure(target, tar::finish);
            return summary;
        }
    }

    /**
     * Create {@code target} (it must not exist) and unpack a plain (uncompressed) layer tar into it, reading
     * {@code plainTar} to its very end: past the end-of-archive blocks, through any padding. A stream that
     * checks itself at its end (a {@link LayerStream}, a digest) has then seen every byte. If anything
     * fails, the unpacking or that last read, {@code target} is deleted again.
     */
    public UnpackSummary unpackTar(InputStream plainTar, Path target) throws IOException {
        // Decompressing and hashing in one thread (the reads of plainTar), creating files in this one.
        try (InputStream ahead = new ReadAheadInputStream(plainTar, "jrocker-decompress")) {
            // unpackFresh deletes target itself if unpacking fails (and leaves alone a target it did not create)
            UnpackSummary summary = tarUnpacker.withFilter(new WhiteoutFilter(fileSystem)).unpackFresh(ahead, target);
            // The tar reader stopped at the end marker, maybe chunks before the stream's end. A check at the
            // end (a diff ID that does not match) fails only now, after the files are there.
            deletingOnFailure(target, () -> ahead.transferTo(OutputStream.nullOutputStream()));
            return summary;
        }
    }

    /** A step after {@code target} was unpacked. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** Run {@code step}; if it fails, delete {@code target}, then rethrow: nothing unverified stays. */
    private static void deletingOnFailure(Path target, Step step) throws IOException {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            try {
                RootfsDirectory.deleteRecursively(target);
            } catch (IOException | RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }
}
