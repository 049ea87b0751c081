package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinuxSyscallsTest {

    @Test
    void theEffectiveUserIdIsTheSecondNumberOfTheUidLine() {
        assertEquals(OptionalInt.of(1000), LinuxSyscalls.effectiveUid(List.of("Name:\tjava", "Uid:\t0\t1000\t0\t0", "Gid:\t5\t6\t7\t8")));
        assertEquals(OptionalInt.empty(), LinuxSyscalls.effectiveUid(List.of("Name:\tjava")), "no Uid line: ask libc");
        assertEquals(OptionalInt.empty(), LinuxSyscalls.effectiveUid(List.of("Uid:\t0")), "a line cut short: ask libc");
    }

    @Test
    void theEffectiveUserIdFromProcIsLibcsAnswer() {
        assertEquals(OptionalInt.of(LibC.geteuid()), LinuxSyscalls.effectiveUid(readStatus()));
        assertEquals(LibC.geteuid(), new LinuxSyscalls().geteuid());
    }

    private static List<String> readStatus() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
