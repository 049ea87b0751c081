package jrocker.step05.blob;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import jrocker.step05.image.ImageFormatException;

/**
 * Decompresses a zstd stream (one or more frames) with zstd-jni: the reference C library, its native part
 * inside the jar, so no system package is needed. zstd-jni rather than aircompressor's pure-Java port: on a
 * 366 MiB layer it needs about 0.7 s of CPU where aircompressor needs 2.1 s. It streams, so memory stays
 * bounded whatever the size of the layer: compressed bytes go into a native input buffer, zstd decompresses
 * into a native output buffer, and {@link #read} copies from there.
 *
 * <p>The end is checked: the input must end exactly after a complete frame. A layer cut in the middle of
 * a frame is reported as truncated, instead of silently giving a shorter tar. (zstd-jni's own
 * {@code ZstdInputStream} misses a cut in any frame but the first, so the frames are followed here.)
 */
final class ZstdInputStream extends InputStream {
    private static final int BUFFER_SIZE = 1 << 17; // one zstd block: what ZSTD_DStreamInSize/OutSize recommend

    private final InputStream compressed;
    private final String what;
    private final byte[] transfer = new byte[BUFFER_SIZE]; // compressed bytes on their way to input
    private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER_SIZE).limit(0);
    private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER_SIZE).limit(0); // [position, limit): not yet read
    private ZstdDecompressCtx context;
    private boolean frameComplete; // the last call ended a frame
    private boolean outputWasFull; // zstd may hold more output: call again before reading more input
    private boolean sawInput;
    private boolean ended;

    ZstdInputStream(InputStream compressed, String what) throws IOException {
        this.compressed = compressed;
        this.what = what;
        try {
            this.context = new ZstdDecompressCtx();
        } catch (LinkageError e) { // its native part cannot be unpacked (a noexec temporary directory?) or fits no CPU
            throw new ZstdUnavailableException("cannot read zstd-compressed layers: the native part of zstd-jni cannot be"
                    + " loaded (" + e + "); java.io.tmpdir must allow executing a library", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (context == null) {
            throw new IOException("zstd stream of " + what + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (!output.hasRemaining()) { // nothing decompressed is waiting: make some
            if (ended || !decompressMore()) {
                ended = true;
                return -1;
            }
        }
        int count = Math.min(length, output.remaining());
        output.get(buffer, offset, count);
        return count;
    }

    /** One decompression call, reading input first if zstd needs it; false at a clean end. */
    private boolean decompressMore() throws IOException {
        if (!input.hasRemaining() && !outputWasFull) {
            int got = compressed.read(transfer, 0, transfer.length);
            if (got < 0) {
                if (!sawInput) {
                    throw new ImageFormatException(what + " is empty: it holds no zstd frame");
                }
                if (!frameComplete) {
                    throw new ImageFormatException(what + " is truncated: the zstd data ends inside a frame");
                }
                return false;
            }
            sawInput = true;
            input.clear();
            input.put(transfer, 0, got).flip();
        }
        output.clear();
        try {
            frameComplete = context.decompressDirectByteBufferStream(output, input);
        } catch (ZstdException e) {
            throw new ImageFormatException(what + " has corrupt zstd data: " + Zstd.getErrorName(e.getErrorCode()), e);
        }
        // A full output buffer may mean zstd holds more: call again before reading input. Not after a frame
        // ended ("decoded and fully flushed"), even if its last block filled the buffer exactly.
        outputWasFull = !frameComplete && !output.hasRemaining();
        output.flip();
        return true;
    }

    @Override
    public void close() throws IOException {
        if (context != null) {
            context.close();
            context = null;
        }
        compressed.close();
    }
}
