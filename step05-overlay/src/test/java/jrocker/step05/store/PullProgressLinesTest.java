package jrocker.step05.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import jrocker.step05.blob.Compression;
import jrocker.step05.blob.Layer;
import jrocker.step05.image.Digest;
import org.junit.jupiter.api.Test;

/** docker's pull lines: a line per change of state in a log, one line per layer rewritten on a terminal. */
class PullProgressLinesTest {
    static final Layer FIRST = layer(1, new byte[] {1});
    static final Layer SECOND = layer(2, new byte[] {2});
    final StringWriter text = new StringWriter();
    long now;

    private static Layer layer(int number, byte[] content) {
        return new Layer(number, Digest.sha256(content), 2_000_000, "application/vnd.oci.image.layer.v1.tar+gzip",
                Compression.GZIP, Digest.sha256(new byte[] {(byte) number, 9}));
    }

    private PullProgressLines lines(boolean terminal) {
        return new PullProgressLines(new PrintWriter(text), terminal, () -> now);
    }

    @Test
    void withoutATerminalEachStateIsALineAndBytesAreNotShown() {
        PullProgressLines lines = lines(false);
        lines.status(FIRST, LayerProgress.Status.WAITING);
        lines.status(SECOND, LayerProgress.Status.ALREADY_EXISTS);
        lines.bytes(FIRST, 1_000_000);
        lines.retrying(FIRST.digest(), 1, 1_000_000, new IOException("Connection reset"));
        lines.status(FIRST, LayerProgress.Status.COMPLETE);
        String id = FIRST.digest().shortHex();
        assertEquals(id + ": Pulling fs layer\n" + SECOND.digest().shortHex() + ": Already exists\n"
                + id + ": Retrying (attempt 2, from byte 1000000): Connection reset\n" + id + ": Pull complete\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void onATerminalALayersLineIsRewrittenInPlaceAtMostEveryTenthOfASecond() {
        PullProgressLines lines = lines(true);
        lines.status(FIRST, LayerProgress.Status.WAITING);
        lines.status(SECOND, LayerProgress.Status.WAITING);
        text.getBuffer().setLength(0);
        lines.bytes(FIRST, 500_000);
        now += 50_000_000; // 50 ms later: not redrawn
        lines.bytes(FIRST, 500_000);
        now += 100_000_000;
        lines.bytes(FIRST, 1_000_000); // all of it: drawn
        String id = FIRST.digest().shortHex();
        String up = "\u001b[2A\r\u001b[2K";
        String down = "\r\u001b[2B";
        assertEquals(up + id + ": Downloading 500kB/2MB" + down + up + id + ": Downloading 2MB/2MB" + down, text.toString());
    }
}
