package jrocker.step05.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    private static final byte P = DetachKeys.CTRL_P;
    private static final byte Q = DetachKeys.CTRL_Q;

    @Test
    void ctrlPCtrlQDetachesAndWhatCameBeforeIsPassedOn() {
        DetachKeys.Result result = new DetachKeys().feed(new byte[] {'l', 's', P, Q, 'x'}, 5);
        assertTrue(result.detach());
        assertArrayEquals(new byte[] {'l', 's'}, result.forward(), "the sequence itself, and what follows it, never reach the container");
    }

    @Test
    void theSequenceMaySpanTwoReads() {
        DetachKeys keys = new DetachKeys();
        DetachKeys.Result first = keys.feed(new byte[] {'a', P}, 2);
        assertFalse(first.detach());
        assertArrayEquals(new byte[] {'a'}, first.forward(), "a ctrl-p at the end is held back");
        assertTrue(keys.feed(new byte[] {Q}, 1).detach());
    }

    @Test
    void aCtrlPNotFollowedByCtrlQIsTheContainers() {
        DetachKeys keys = new DetachKeys();
        assertArrayEquals(new byte[] {P, 'a'}, keys.feed(new byte[] {P, 'a'}, 2).forward());
        assertArrayEquals(new byte[] {}, keys.feed(new byte[] {P}, 1).forward());
        DetachKeys.Result twice = keys.feed(new byte[] {P, Q}, 2);
        assertTrue(twice.detach(), "ctrl-p ctrl-p ctrl-q: the first ctrl-p is passed on, then the sequence");
        assertArrayEquals(new byte[] {P}, twice.forward());
        DetachKeys ending = new DetachKeys();
        ending.feed(new byte[] {P}, 1);
        assertArrayEquals(new byte[] {P}, ending.end(), "input that ends after a ctrl-p passes it on");
    }

    /** Input without the sequence reaches the container unchanged, however it is split into reads. */
    @Test
    void inputWithoutTheSequenceIsPassedOnUnchanged() {
        qt().forAll(lists().of(integers().between(0, 31)).ofSizeBetween(0, 100), integers().between(1, 7))
                .checkAssert((values, chunk) -> {
                    byte[] input = new byte[values.size()];
                    for (int i = 0; i < input.length; i++) {
                        input[i] = (byte) (int) values.get(i);
                        if (i > 0 && input[i] == Q && input[i - 1] == P) {
                            input[i] = 'q';
                        }
                    }
                    DetachKeys keys = new DetachKeys();
                    ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
                    for (int i = 0; i < input.length; i += chunk) {
                        byte[] piece = java.util.Arrays.copyOfRange(input, i, Math.min(input.length, i + chunk));
                        DetachKeys.Result result = keys.feed(piece, piece.length);
                        assertFalse(result.detach());
                        forwarded.writeBytes(result.forward());
                    }
                    forwarded.writeBytes(keys.end());
                    assertArrayEquals(input, forwarded.toByteArray());
                });
    }
}
