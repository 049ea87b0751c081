package jrocker.step05.console;

import java.io.ByteArrayOutputStream;

// tag::detach-keys[]
/**
 * Watches what an attacher types for the detach sequence, docker's ctrl-p ctrl-q: the attacher then leaves,
 * and the container goes on. A small state machine, fed one chunk of input at a time: after a ctrl-p it waits
 * for the next byte; ctrl-q completes the sequence, anything else was not one, and the ctrl-p is passed on
 * with it (a program in the container may want ctrl-p, e.g. a shell's "previous line"). A ctrl-p at the end
 * of a chunk is held back until the next chunk says what it was.
 */
public final class DetachKeys {
    static final byte CTRL_P = 0x10;
    static final byte CTRL_Q = 0x11;

    /** What to do with a chunk of input: pass {@code forward} to the container; {@code detach}: then leave. */
    public record Result(byte[] forward, boolean detach) {
    }

    /** True right after a ctrl-p that was not passed on yet. */
    private boolean afterCtrlP;

    public Result feed(byte[] input, int length) {
        ByteArrayOutputStream forward = new ByteArrayOutputStream(length + 1);
        for (int i = 0; i < length; i++) {
            byte b = input[i];
            if (afterCtrlP) {
                afterCtrlP = false;
                if (b == CTRL_Q) {
                    return new Result(forward.toByteArray(), true);
                }
                forward.write(CTRL_P); // not the sequence: the ctrl-p was meant for the container
            }
            if (b == CTRL_P) {
                afterCtrlP = true;
            } else {
                forward.write(b);
            }
        }
        return new Result(forward.toByteArray(), false);
    }
    // end::detach-keys[]

    /** The input ended: a ctrl-p held back is passed on. */
    public byte[] end() {
        boolean held = afterCtrlP;
        afterCtrlP = false;
        return held ? new byte[] {CTRL_P} : new byte[0];
    }
}
