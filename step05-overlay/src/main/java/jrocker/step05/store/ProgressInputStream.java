package jrocker.step05.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Passes bytes through and reports how many were read, for progress bars. */
final class ProgressInputStream extends FilterInputStream {
    private final LongConsumer bytesRead;

    ProgressInputStream(InputStream in, LongConsumer bytesRead) {
        super(in);
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            bytesRead.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int got = in.read(buffer, offset, length);
        if (got > 0) {
            bytesRead.accept(got);
        }
        return got;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = in.skip(count);
        if (skipped > 0) {
            bytesRead.accept(skipped);
        }
        return skipped;
    }
}
