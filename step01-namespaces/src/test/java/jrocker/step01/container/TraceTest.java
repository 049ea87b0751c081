package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void aLineGivesTheTimeInMillisecondsWithTenthsTheProcessAndThePhase() {
        assertEquals("jrocker trace:    48.1 ms  cli   main", Trace.line(48_123, "cli", "main"));
        assertEquals("jrocker trace:  1234.5 ms  init  plan received", Trace.line(1_234_567, "init", "plan received"));
        assertEquals("jrocker trace:     0.0 ms  cli   main", Trace.line(-5, "cli", "main")); // clocks of two processes
    }

    @Test
    void theLaunchersStartIsMicrosecondsSinceTheEpochElseTheFallback() {
        assertEquals(1_765_000_000_123_456L, Trace.parseStart("1765000000123456", 7));
        assertEquals(7, Trace.parseStart(null, 7));
        assertEquals(7, Trace.parseStart("", 7));
        assertEquals(7, Trace.parseStart("1765000000.123456", 7)); // a bash whose EPOCHREALTIME kept its point
        assertEquals(7, Trace.parseStart("12345", 7));
    }

    @Test
    void anythingButNothingOrZeroTurnsTracingOn() {
        assertTrue(Trace.on("1"));
        assertTrue(Trace.on("yes"));
        assertFalse(Trace.on("0"));
        assertFalse(Trace.on(""));
        assertFalse(Trace.on(null));
    }
}
