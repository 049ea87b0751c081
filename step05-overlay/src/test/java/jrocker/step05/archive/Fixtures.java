package jrocker.step05.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.blob.LayerSource;
import jrocker.step05.blob.LayerStream;
import jrocker.step05.image.Digest;

/** Test helpers: a zstd layer, and layers read back (tars are built with step03's {@link TarArchive}). */
public final class Fixtures {
    /**
     * A zstd-compressed tar made with the zstd command (zstd -19): a directory etc/ and a file etc/hello
     * holding "hello from a zstd layer\n". Embedded so that tests need no zstd command.
     */
    public static final byte[] ZSTD_TAR = Base64.getDecoder().decode("KLUv/WQAJ/UCABLEDRGg7Qb8I35LqBq0ih8e+DmzUgdQ0dM2yVj3rHtwLe/NaDMI"
            + "Ka81xc58eGScf+9ZdOF3G35AUgUOIGAtrNnIx+H8LwCwqkGuPRhGB7DCXOr8n+5WwAEHBTCexBtY8AE5");
    /** The sha256 of the uncompressed {@link #ZSTD_TAR} (sha256sum of the tar before zstd). */
    public static final Digest ZSTD_TAR_DIFF_ID = Digest.parse("sha256:59c08dd83d823d28b8299353c83665681991fc7b10a76ee505583d629b031acb");

    private Fixtures() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Name to content of the files in a tar stream; directories as "dir/" with content "". */
    public static Map<String, String> contents(InputStream tar) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        TarReader reader = new TarReader(tar);
        for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
            String name = entry.type() == TarEntry.Type.DIRECTORY ? entry.name() + "/" : entry.name();
            contents.put(name, entry.type() == TarEntry.Type.SYMLINK ? "-> " + entry.linkName()
                    : new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        }
        return contents;
    }

    /** The uncompressed content of a layer, read through its LayerStream and verified. */
    public static Map<String, String> layerContents(LayerSource layer) throws IOException {
        try (LayerStream stream = layer.openUncompressed()) {
            Map<String, String> contents = contents(stream);
            stream.finish();
            return contents;
        }
    }

    /** The layers' contents of an image, bottom first. */
    public static List<Map<String, String>> layerContents(Image image) throws IOException {
        List<Map<String, String>> layers = new ArrayList<>();
        for (LayerSource layer : image.layers()) {
            layers.add(layerContents(layer));
        }
        return layers;
    }
}
