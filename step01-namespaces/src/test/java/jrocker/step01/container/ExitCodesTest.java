package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void statusesAbove128NameTheSignal() {
        assertEquals("signal 9 (SIGKILL)", ExitCodes.signalOf(137));
        assertEquals("signal 15 (SIGTERM)", ExitCodes.signalOf(143));
        assertEquals("signal 40", ExitCodes.signalOf(168));
        assertNull(ExitCodes.signalOf(128));
        assertNull(ExitCodes.signalOf(127));
        assertNull(ExitCodes.signalOf(0));
    }

    @Test
    void containerIdsAreRandomHexAndShowTwelveDigits() {
        ContainerId a = ContainerId.random();
        ContainerId b = ContainerId.random();
        assertEquals(64, a.full().length());
        assertEquals(a.full().substring(0, 12), a.shortId());
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ContainerId("xyz"));
    }
}
