package jrocker.step05.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import jrocker.step05.image.ImageException;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.MediaTypes;

/**
 * How a layer blob is compressed. In an OCI layout the media type says it; in a {@code docker save}
 * archive nothing does, and {@link #detect} looks at the first bytes ("magic numbers") instead.
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    /** The compression that {@code start}, the first bytes of a blob, shows; NONE when neither magic fits. */
    public static Compression detect(byte[] start) {
        if (startsWith(start, GZIP_MAGIC)) {
            return GZIP;
        }
        return startsWith(start, ZSTD_MAGIC) ? ZSTD : NONE;
    }

    /** How a layer of this media type is compressed, or null if it is not a layer type jrocker reads. */
    public static Compression ofLayerMediaType(String mediaType) {
        return switch (mediaType) {
            case MediaTypes.OCI_LAYER -> NONE;
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> GZIP;
            case MediaTypes.OCI_LAYER_ZSTD -> ZSTD;
            default -> null;
        };
    }

    /** The OCI layer media type for a layer compressed this way. */
    public String ociLayerMediaType() {
        return switch (this) {
            case NONE -> MediaTypes.OCI_LAYER;
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
        };
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * A stream of the uncompressed bytes of {@code compressed}. Reading fails with an {@link ImageException}
     * naming {@code what} ("layer 2 of the OCI layout /x") when the data is not of this compression.
     */
    public InputStream decompress(InputStream compressed, String what) throws IOException {
        return switch (this) {
            case NONE -> compressed;
            case GZIP -> gunzip(compressed, what);
            case ZSTD -> new ZstdInputStream(compressed, what);
        };
    }

    private static InputStream gunzip(InputStream compressed, String what) throws IOException {
        try {
            return new CheckedGzipInputStream(compressed, what);
        } catch (EOFException e) {
            throw new ImageFormatException(what + " is not valid gzip data: it ends inside the gzip header");
        } catch (ZipException e) {
            throw new ImageFormatException(what + " is not valid gzip data (" + e.getMessage()
                    + "): is its media type right?");
        }
    }

    /** GZIPInputStream, with the JDK's terse errors ("Corrupt GZIP trailer") told which layer they are about. */
    private static final class CheckedGzipInputStream extends GZIPInputStream {
        private final String what;

        CheckedGzipInputStream(InputStream in, String what) throws IOException {
            super(in, 1 << 16);
            this.what = what;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (EOFException e) {
                throw new ImageFormatException(what + " is truncated: the gzip data ends too early");
            } catch (ZipException e) {
                throw new ImageFormatException(what + " has corrupt gzip data: " + e.getMessage());
            }
        }
    }
}
