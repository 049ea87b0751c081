package jrocker.step05.image;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decompresses a zstd stream (one or more frames) through the system's libzstd, with its streaming API:
 * bounded memory whatever the size of the layer. Java bytes are copied into a native input buffer, zstd
 * decompresses into a native output buffer, and {@link #read} copies from there.
 *
 * <p>The end is checked: the input must end exactly after a complete frame. A layer cut in the middle of
 * a frame is reported as truncated, instead of silently giving a shorter tar.
 */
final class ZstdInputStream extends InputStream {
    private final ZstdLibrary zstd;
    private final InputStream compressed;
    private final String what;
    private final byte[] transfer;
    private final Memory inputMemory;
    private final Memory outputMemory;
    private final ZstdLibrary.Buffer input = new ZstdLibrary.Buffer();
    private final ZstdLibrary.Buffer output = new ZstdLibrary.Buffer();
    private Pointer stream;
    private long outputRead; // bytes of the output buffer already handed out
    private boolean frameComplete; // the last call ended a frame (it returned 0)
    private boolean outputWasFull; // zstd may hold more output: call again before reading more input
    private boolean sawInput;
    private boolean ended;

    ZstdInputStream(InputStream compressed, String what) throws IOException {
        this.zstd = ZstdLibrary.Loader.load();
        this.compressed = compressed;
        this.what = what;
        int inSize = (int) zstd.ZSTD_DStreamInSize().longValue();
        this.transfer = new byte[inSize]; // compressed bytes on their way to inputMemory
        this.inputMemory = new Memory(inSize);
        this.outputMemory = new Memory(zstd.ZSTD_DStreamOutSize().longValue());
        this.stream = zstd.ZSTD_createDStream();
        if (stream == null) {
            throw new IOException("ZSTD_createDStream failed: out of memory?");
        }
        check(zstd.ZSTD_initDStream(stream));
        input.buffer = inputMemory;
        output.buffer = outputMemory;
        output.size = new NativeLong(outputMemory.size());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (stream == null) {
            throw new IOException("zstd stream of " + what + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (outputRead == output.pos.longValue()) { // nothing decompressed is waiting: make some
            if (ended || !decompressMore()) {
                ended = true;
                return -1;
            }
        }
        int count = (int) Math.min(length, output.pos.longValue() - outputRead);
        outputMemory.read(outputRead, buffer, offset, count);
        outputRead += count;
        return count;
    }

    /** One ZSTD_decompressStream call, reading input first if zstd needs it; false at a clean end. */
    private boolean decompressMore() throws IOException {
        if (input.pos.longValue() == input.size.longValue() && !outputWasFull) {
            int got = compressed.read(transfer, 0, (int) inputMemory.size());
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
            inputMemory.write(0, transfer, 0, got);
            input.size = new NativeLong(got);
            input.pos = new NativeLong(0);
        }
        output.pos = new NativeLong(0);
        outputRead = 0;
        NativeLong result = zstd.ZSTD_decompressStream(stream, output, input); // JNA copies both structs in and out
        check(result);
        frameComplete = result.longValue() == 0;
        // A full output buffer may mean zstd holds more: call again before reading input. Not after a frame
        // ended (0 means "decoded and fully flushed"), even if its last block filled the buffer exactly.
        outputWasFull = !frameComplete && output.pos.longValue() == output.size.longValue();
        return true;
    }

    private void check(NativeLong code) throws ImageFormatException {
        if (zstd.ZSTD_isError(code) != 0) {
            throw new ImageFormatException(what + " has corrupt zstd data: " + zstd.ZSTD_getErrorName(code));
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            zstd.ZSTD_freeDStream(stream);
            stream = null;
        }
        compressed.close();
    }
}
