package jrocker.step04.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("makedev") // the exercise these tests check (see docs/src/course)
class MakedevTest {
    @Test
    void deviceNumbersAreEncodedLikeGlibcsMakedev() {
        assertEquals(0x103L, LinuxPivotRootSyscalls.makedev(1, 3));
        assertEquals(0x500L, LinuxPivotRootSyscalls.makedev(5, 0));
        // Large numbers split across the high and low halves of the 64-bit dev_t.
        assertEquals((0x1000L << 32) | (0x1200L << 12) | 0x34, LinuxPivotRootSyscalls.makedev(0x1000, 0x1234));
    }
}
