package jrocker.step05.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void aFrameHasDockersEightByteHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, Frames.STDERR, new byte[] {'x', 'h', 'i'}, 1, 2);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'}, out.toByteArray());
        Frames.Frame frame = Frames.read(new ByteArrayInputStream(out.toByteArray())).orElseThrow();
        assertEquals(Frames.STDERR, frame.kind());
        assertArrayEquals(new byte[] {'h', 'i'}, frame.payload());
    }

    @Test
    void theEndBetweenFramesIsTheEndAndInsideOneAnError() throws IOException {
        assertTrue(Frames.read(new ByteArrayInputStream(new byte[0])).isEmpty());
        assertThrows(IOException.class, () -> Frames.read(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 0, 0, 0, 5, 'a'})));
        assertThrows(IOException.class, () -> Frames.read(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 127, 0, 0, 0})),
                "a length no keeper sends");
    }
}
