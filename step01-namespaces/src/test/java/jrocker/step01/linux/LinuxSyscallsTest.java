package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinuxSyscallsTest {

    @Test
    void theEffectiveUserIdFromProcIsLibcsAnswer() {
        assertEquals(LibC.geteuid(), new LinuxSyscalls().geteuid());
    }
}
