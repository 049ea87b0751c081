package jrocker.step05.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.ImageReference;

/**
 * A file or directory holding images: an OCI image layout (a directory, or a tar of one) or a
 * {@code docker save} archive. {@link #open} tells them apart; the readers give the same {@link Image}s.
 * Close it when done: for a tar, that deletes the extracted files, and the images' layers can no longer
 * be read.
 */
public interface ImageArchive extends Closeable {

    /** For messages: "the OCI layout /x", "the docker archive /y.tar". */
    String description();

    /** What the archive calls its images, in its order (tags or full references). */
    List<String> names() throws IOException;

    /** Every image of the archive, as {@code docker load} loads them all. */
    List<Image> images() throws IOException;

    /**
     * The image called {@code name}, or, with null, the archive's only image. A name matches when it is
     * the same text, or when both parse as {@link ImageReference}s that are equal ({@code busybox} finds
     * {@code docker.io/library/busybox:latest}).
     */
    Image image(String name) throws IOException;

    /**
     * Open what {@code path} is: a directory with an {@code oci-layout} file is an OCI layout; a file is a
     * tar (plain or gzip), extracted inside {@code workDir}, that has either a {@code manifest.json}
     * ({@code docker save}; preferred when both are there, because only it has docker's RepoTags) or an
     * {@code oci-layout} file (an OCI layout packed by skopeo or {@code tar}).
     */
    static ImageArchive open(Path path, Path workDir) throws IOException {
        if (Files.isDirectory(path)) {
            if (!Files.exists(path.resolve(OciLayoutReader.OCI_LAYOUT_FILE))) {
                throw new ImageFormatException(path + " is a directory but not an OCI image layout: it has no "
                        + OciLayoutReader.OCI_LAYOUT_FILE + " file");
            }
            return new OciLayoutReader(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageFormatException("no such image archive: " + path);
        }
        ExtractedTar files = ExtractedTar.extract(path, workDir, "the image archive " + path);
        try {
            if (files.size(DockerArchiveReader.MANIFEST_FILE) >= 0) {
                return new DockerArchiveReader(files.describedAs("the docker archive " + path));
            }
            if (files.size(OciLayoutReader.OCI_LAYOUT_FILE) >= 0) {
                return new OciLayoutReader(files.describedAs("the OCI archive " + path));
            }
            throw new ImageFormatException(path + " is neither a docker save archive (no "
                    + DockerArchiveReader.MANIFEST_FILE + ") nor an OCI image layout in a tar (no "
                    + OciLayoutReader.OCI_LAYOUT_FILE + ")");
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }
}
