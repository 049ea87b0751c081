package jrocker.step05.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void aLineShowsTheBarTheBytesAndTheRate() {
        assertEquals("Loading [===============>              ]  1MB/2MB  1MB/s",
                ProgressBar.line(1_000_000, 2_000_000, "Loading", 1_000_000_000L));
        assertEquals("Loading [==============================]  2MB/2MB",
                ProgressBar.line(2_000_000, 2_000_000, "Loading", 0));
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondAndEndsWithANewline() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(1);
        ProgressBar bar = new ProgressBar(new PrintWriter(text), now::get);

        bar.progress(10, 100, "Importing x.tar"); // first report: drawn
        now.addAndGet(10_000_000); // 10 ms later
        bar.progress(20, 100, "Importing x.tar"); // too soon: skipped
        now.addAndGet(200_000_000);
        bar.progress(50, 100, "Importing x.tar"); // drawn
        bar.progress(100, 100, "Importing x.tar"); // the end: always drawn
        bar.progress(100, 100, "Importing x.tar"); // after the end: nothing

        String out = text.toString();
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("100B/100B  476B/s\n"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
    }
}
