package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

    private static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Wire.write(new DataOutputStream(bytes), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object decode(byte[] bytes) throws IOException {
        return Wire.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static Object roundTrip(Object value) {
        try {
            return decode(encode(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anyPlanArrivesAsItWasSent() {
        qt().forAll(
                // Any text an argument can hold: no NUL (C strings end there), no lone UTF-16 surrogates.
                lists().of(strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(0, 40)).ofSizeBetween(1, 8),
                lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 30)).ofSizeBetween(0, 5),
                strings().betweenCodePoints(0x10000, 0x1F64F).ofLengthBetween(0, 16))
            .checkAssert((argv, env, hostname) -> {
                InitPlan plan = new InitPlan(
                        List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname(hostname), new Stages.MountProc()),
                        List.of(new Stages.TakeTerminal()),
                        new InitPlan.Command(argv, env));
                Message.Start start = new Message.Start(plan);
                assertEquals(start, roundTrip(start));
            });
    }

    @Test
    void failuresKeepTheirCodeAndMessage() {
        Message failed = new Message.Failed(127, "exec: \"x\": not found – ünïcode");
        assertEquals(failed, roundTrip(failed));
        assertEquals(new Message.Go(), roundTrip(new Message.Go()));
    }

    @Test
    void refusesToBuildClassesOutsideJrocker() {
        byte[] bytes = encode(new Message.Go());
        // Rewrite the class name "jrocker.step01..." to "java.lang.Runtime"-like text of another package.
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("jrocker.", "evil.pk");
        IOException failure = assertThrows(IOException.class,
                () -> decode(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertTrue(failure.getMessage().contains("only jrocker's own records travel"), failure.getMessage());
    }

    @Test
    void aTruncatedMessageIsAnErrorNotAWrongValue() {
        byte[] bytes = encode(new Message.Failed(1, "a message of some length"));
        List<Integer> failures = new ArrayList<>();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, length);
            try {
                decode(truncated);
            } catch (IOException expected) {
                failures.add(length);
            }
        }
        assertEquals(bytes.length, failures.size(), "every truncation must fail");
    }

    @Test
    void aRecordThatRejectsItsValuesIsRejectedOnArrivalToo() {
        // InitPlan.Command refuses an empty argv in its constructor; the receiving side runs that check.
        byte[] bytes = encode(new InitPlan.Command(List.of("x"), List.of()));
        byte[] emptied = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("\u0000\u0000\u0000\u0001S\u0000\u0000\u0000\u0001x", "\u0000\u0000\u0000\u0000")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        IOException failure = assertThrows(IOException.class, () -> decode(emptied));
        assertTrue(failure.getMessage().contains("no command to run"), failure.getMessage());
    }

    @Test
    void anArgumentWithANulByteIsRefusedBeforeItIsSent() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new InitPlan.Command(List.of("echo", "a\u0000b"), List.of()));
        assertTrue(failure.getMessage().contains("NUL"), failure.getMessage());
    }

    @Test
    void onlyKnownTypesCanBeSent() {
        assertThrows(IllegalArgumentException.class, () -> Wire.write(new DataOutputStream(new ByteArrayOutputStream()), new Object()));
    }
}
