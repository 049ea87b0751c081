package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
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
