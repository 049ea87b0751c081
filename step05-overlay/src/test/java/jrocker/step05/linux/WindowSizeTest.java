package jrocker.step05.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowSizeTest {
    @Test
    void everySizeTheKernelCanHoldSurvivesItsStruct() {
        qt().forAll(integers().between(0, 0xffff), integers().between(0, 0xffff))
            .checkAssert((rows, columns) -> {
                WindowSize size = new WindowSize(rows, columns);
                assertEquals(size, WindowSize.fromWinsize(size.toWinsize()));
            });
    }

    @Test
    void sizesTheKernelCannotHoldAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSize(-1, 80));
        assertThrows(IllegalArgumentException.class, () -> new WindowSize(24, 0x10000));
    }

    @Test
    void aDescriptorThatIsNoTerminalHasNoSize() {
        // Like jrocker's stdin when it was redirected from a file: no size, and no error either.
        int devNull = TerminalLibC.open("/dev/null", TerminalLibC.O_RDWR | TerminalLibC.O_CLOEXEC);
        try {
            assertEquals(Optional.empty(), new LinuxTerminalSyscalls().windowSize(devNull));
        } finally {
            TerminalLibC.close(devNull);
        }
    }
}
