package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount-table") // the exercise these tests check (see docs/src/course)
class MountTableTest {
    static final String SAMPLE = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
            23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            40 22 0:35 / /mnt/with\\040space rw,relatime - tmpfs my\\011tmpfs rw,size=1024k
            """;

    @Test
    void readsEveryField() {
        MountTable table = MountTable.parse(SAMPLE);

        assertEquals(List.of("/", "/proc", "/mnt/with space"), table.mountPoints());
        MountTable.Mount root = table.at("/").orElseThrow();
        assertEquals(22, root.id());
        assertEquals("ext4", root.fsType());
        assertEquals("/dev/sda1", root.source());
        assertEquals(List.of("rw", "errors=remount-ro"), root.superOptions());
        assertTrue(root.isShared());
        MountTable.Mount tmpfs = table.at("/mnt/with space").orElseThrow();
        assertFalse(tmpfs.isShared());
        assertEquals("my\ttmpfs", tmpfs.source(), "octal escapes are decoded");
        assertEquals(List.of("rw", "nosuid", "nodev", "noexec", "relatime"), table.at("/proc").orElseThrow().options());
    }

    @Test
    void theTopmostMountAtAPointWins() {
        MountTable table = MountTable.parse(SAMPLE + "50 23 0:40 / /proc rw - proc proc rw\n");
        assertEquals(50, table.at("/proc").orElseThrow().id());
        assertEquals(2, table.ofType("proc").size());
    }

    @Test
    void rejectsWhatIsNotMountinfo() {
        assertThrows(IllegalArgumentException.class, () -> MountTable.parse("not a mount line\n"));
    }

    @Test
    void readsThisProcessTable() {
        assertTrue(MountTable.current().at("/").isPresent(), "every mount namespace has a root");
    }
}
