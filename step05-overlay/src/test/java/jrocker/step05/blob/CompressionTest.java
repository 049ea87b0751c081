package jrocker.step05.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step03.testing.TarArchive;
import jrocker.step05.image.ImageFormatException;
import org.junit.jupiter.api.Test;

class CompressionTest {
    /**
     * Two zstd frames made with the zstd command: byte i is i % 251, for i from 0 to 1 MiB (zstd -19), then
     * from 1 MiB to 1.5 MiB (zstd -3); concatenated. 1.5 MiB out of 669 bytes: many full output buffers.
     */
    static final byte[] TWO_FRAMES = Base64.getDecoder().decode(
            "KLUv/aQAABAALAgAtA8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RF"
            + "RkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZ"
            + "mpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr/AwcLDxMXGx8jJysvMzc7P0NHS09TV1tfY2drb3N3e3+Dh4uPk5ebn6Onq6+zt"
            + "7u/w8fLz9PX29/j5+gEAe4F/f26kVAAAAAEA/f/R/7kGAkQAAAABAP3/OQACRAAAAAEA/f85AAJEAAAAAQD9/zkAAkQAAAABAP3/OQACRAAAAAEA"
            + "/f85AAJFAAAAAQD9/zkAAjFKRsQotS/9pAAACAAsCAC0D5WWl5iZmpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr/AwcLDxMXG"
            + "x8jJysvMzc7P0NHS09TV1tfY2drb3N3e3+Dh4uPk5ebn6Onq6+zt7u/w8fLz9PX29/j5+gABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f"
            + "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJz"
            + "dHV2d3h5ent8fX5/gIGCg4SFhoeIiYqLjI2Oj5CRkpOUAQB7gX9/bqRMAAAIxwEA/P85EAJMAAAI+QEA/P85EAJNAAAIMAEA/P85EALXvPYd");

    static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 251);
        }
        return data;
    }

    @Test
    void zstdStreamsOfSeveralFramesAreDecompressed() throws IOException {
        try (InputStream in = Compression.ZSTD.decompress(new ByteArrayInputStream(TWO_FRAMES), "test data")) {
            assertArrayEquals(pattern(3 << 19), in.readAllBytes());
        }
    }

    @Test
    void zstdCopesWithInputThatArrivesAFewBytesAtATime() throws IOException {
        try (InputStream in = Compression.ZSTD.decompress(new Trickle(TWO_FRAMES), "test data")) {
            byte[] out = new byte[3 << 19];
            int total = 0;
            for (int got = in.read(out, 0, 1000); got >= 0; got = in.read(out, total, Math.min(1000, out.length - total))) {
                total += got;
                if (total == out.length) {
                    assertEquals(-1, in.read());
                    break;
                }
            }
            assertEquals(out.length, total);
            assertArrayEquals(pattern(3 << 19), out);
        }
    }

    @Test
    void truncatedOrCorruptZstdDataIsReported() throws IOException {
        byte[] truncated = Arrays.copyOf(TWO_FRAMES, TWO_FRAMES.length - 10);
        assertEquals("layer 3 of x is truncated: the zstd data ends inside a frame",
                assertThrows(ImageFormatException.class, () -> readZstd(truncated)).getMessage());
        byte[] corrupt = TWO_FRAMES.clone();
        corrupt[200] ^= 0x55;
        String message = assertThrows(ImageFormatException.class, () -> readZstd(corrupt)).getMessage();
        assertTrue(message.startsWith("layer 3 of x has corrupt zstd data: "), message);
        assertEquals("layer 3 of x is empty: it holds no zstd frame",
                assertThrows(ImageFormatException.class, () -> readZstd(new byte[0])).getMessage());
    }

    @Test
    void dataThatIsNotZstdIsReportedAsCorrupt() {
        assertEquals("layer 3 of x has corrupt zstd data: Unknown frame descriptor",
                assertThrows(ImageFormatException.class, () -> readZstd("not zstd at all".getBytes(StandardCharsets.UTF_8)))
                        .getMessage());
    }

    @Test
    void gzipErrorsNameTheLayer() {
        assertEquals("layer 3 of x is not valid gzip data (Not in GZIP format): is its media type right?",
                assertThrows(ImageFormatException.class,
                        () -> Compression.GZIP.decompress(new ByteArrayInputStream(new byte[100]), "layer 3 of x")).getMessage());
        byte[] gzip = TarArchive.gzip(pattern(100_000));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length - 20);
        assertEquals("layer 3 of x is truncated: the gzip data ends too early",
                assertThrows(ImageFormatException.class, () -> Compression.GZIP.decompress(
                        new ByteArrayInputStream(truncated), "layer 3 of x").readAllBytes()).getMessage());
    }

    @Test
    void compressionIsDetectedFromTheFirstBytes() {
        assertEquals(Compression.GZIP, Compression.detect(TarArchive.gzip(new byte[10])));
        assertEquals(Compression.ZSTD, Compression.detect(TWO_FRAMES));
        assertEquals(Compression.NONE, Compression.detect(TarArchive.tar(Member.file("a", "b"))));
        assertEquals(Compression.NONE, Compression.detect(new byte[1]));
    }

    private static void readZstd(byte[] data) throws IOException {
        try (InputStream in = Compression.ZSTD.decompress(new ByteArrayInputStream(data), "layer 3 of x")) {
            in.readAllBytes();
        }
    }

    /** Hands out 1 to 7 bytes per read: decompression must handle frames split anywhere. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private int position;

        Trickle(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, 1 + position % 7), data.length - position);
            System.arraycopy(data, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
