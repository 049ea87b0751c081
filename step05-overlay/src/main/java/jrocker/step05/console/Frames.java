package jrocker.step05.console;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

// tag::frames[]
/**
 * What goes over a container's {@code attach.sock}, both ways: frames of an 8-byte header and a payload, the
 * header as docker's attach stream has it ({@code stdcopy}): the kind of frame, three zero bytes, the payload's
 * length (4 bytes, big-endian). Docker's kinds 0 (stdin), 1 (stdout) and 2 (stderr), and one of jrocker's own:
 * 3, the attacher's window size (rows and columns, 2 bytes each) for a container's terminal.
 */
public final class Frames {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int WINDOW_SIZE = 3;
    // end::frames[]

    /** The longest payload a reader accepts: a writer never sends more than its buffer. */
    static final int MAX_PAYLOAD = 1 << 20;

    /** One frame. */
    public record Frame(int kind, byte[] payload) {
    }

    private Frames() {
    }

    /** Write one frame (callers that share {@code out} between threads hold its lock). */
    public static void write(OutputStream out, int kind, byte[] bytes, int offset, int length) throws IOException {
        byte[] frame = new byte[8 + length];
        frame[0] = (byte) kind;
        frame[4] = (byte) (length >>> 24);
        frame[5] = (byte) (length >>> 16);
        frame[6] = (byte) (length >>> 8);
        frame[7] = (byte) length;
        System.arraycopy(bytes, offset, frame, 8, length);
        out.write(frame);
        out.flush();
    }

    /** The next frame; empty at the end of the stream (between frames). */
    public static Optional<Frame> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int kind = data.read();
        if (kind < 0) {
            return Optional.empty();
        }
        try {
            data.readFully(new byte[3]);
            int length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("a frame of " + length + " bytes: not an attach stream");
            }
            byte[] payload = new byte[length];
            data.readFully(payload);
            return Optional.of(new Frame(kind, payload));
        } catch (EOFException e) {
            throw new IOException("the attach stream ended inside a frame");
        }
    }
}
