package jrocker.step05.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.VerifyingInputStream;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;

/**
 * The files of an image archive, by their names in it ({@code index.json}, {@code blobs/sha256/ab12...},
 * {@code manifest.json}): a directory on disk ({@link LayoutDirectory}) or a tar extracted to a work
 * directory ({@link ExtractedTar}). The readers see only this, so one OCI layout reader serves both an
 * OCI layout directory and an OCI layout packed in a tar.
 */
interface ArchiveFiles extends Closeable {
    /** JSON documents (manifests, configs, indexes) are read into memory, up to this size. */
    int MAX_JSON_SIZE = 16 << 20;

    /** For messages: "the OCI layout /x", "the docker archive /y.tar". */
    String description();

    /** The size of the named regular file, or -1 if there is none. */
    long size(String name) throws IOException;

    /** The content of the named file. */
    InputStream open(String name) throws IOException;

    /** A small file that is not a blob (oci-layout, index.json, manifest.json): read whole, size-checked. */
    default byte[] readSmallFile(String name) throws IOException {
        long size = size(name);
        if (size > MAX_JSON_SIZE) {
            throw new ImageFormatException(name + " of " + description() + " is " + size
                    + " bytes, more than the " + MAX_JSON_SIZE + " jrocker reads: it is not an image's " + name);
        }
        try (InputStream in = open(name)) {
            return in.readNBytes(MAX_JSON_SIZE);
        }
    }

    /**
     * A JSON blob (manifest, config, index), read whole and verified against its descriptor.
     *
     * @param role     which blob it is, for messages: "of the config", "of the manifest"
     * @param listedBy who refers to it: "index.json", "manifest sha256:..."
     */
    default byte[] readJsonBlob(String name, Digest digest, long size, String role, String listedBy)
            throws IOException {
        String blob = "blob " + digest + " " + role;
        checkBlob(name, digest, size, role, listedBy);
        if (size > MAX_JSON_SIZE) {
            throw new ImageFormatException(blob + " in " + description() + " is " + size + " bytes, more than the "
                    + MAX_JSON_SIZE + " jrocker reads for a JSON document");
        }
        try (VerifyingInputStream in = new VerifyingInputStream(open(name), digest, size,
                blob + " in " + description())) {
            byte[] content = in.readAllBytes(); // bounded: VerifyingInputStream stops at `size` bytes
            in.verifyRest();
            return content;
        }
    }

    /** The blob is there and has the size its descriptor gives: the cheap checks, before any reading. */
    default void checkBlob(String name, Digest digest, long size, String role, String listedBy) throws IOException {
        long actual = size(name);
        if (actual < 0) {
            throw new MissingBlobException("blob " + digest + " " + role + " is missing from " + description()
                    + " (" + listedBy + " lists it): the " + kind() + " is incomplete");
        }
        if (size >= 0 && actual != size) {
            throw new DigestMismatchException("blob " + digest + " " + role + " in " + description() + " is "
                    + actual + " bytes, but its descriptor says " + size + ": the blob is corrupt or truncated");
        }
    }

    /** "layout" or "archive", for "the layout is incomplete". */
    String kind();
}
