package jrocker.step05.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.linux.RecordingSyscalls;
import org.junit.jupiter.api.Test;

class MountOverlayTest {
    @Test
    void theTopLayerComesFirstInLowerdir() {
        RecordingSyscalls syscalls = new RecordingSyscalls();

        new MountOverlay(List.of("/l/top", "/l/bottom"), "/c/upper", "/c/work", "/c/merged").run(syscalls);

        assertEquals(List.of("mount(overlay, /c/merged, overlay, 0, lowerdir=/l/top:/l/bottom,upperdir=/c/upper,workdir=/c/work)"),
                syscalls.calls());
    }
}
