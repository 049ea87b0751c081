package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FlagsTest {
    @Test
    void namespaceFlagsHaveTheirKernelValuesAndNames() {
        // linux/sched.h: CLONE_NEWNS 0x00020000 ... CLONE_NEWCGROUP 0x02000000
        assertEquals(0x00020000 | 0x04000000 | 0x08000000 | 0x20000000 | 0x40000000 | 0x02000000,
                Namespace.cloneFlags(EnumSet.allOf(Namespace.class)));
        assertEquals("CLONE_NEWNS|CLONE_NEWPID", Namespace.describeFlags(Namespace.MOUNT.cloneFlag() | Namespace.PID.cloneFlag()));
        assertEquals("CLONE_NEWCGROUP", Namespace.CGROUP.flagName());
    }

    @Test
    void mountFlagsAreSpelledOut() {
        assertEquals("MS_REC|MS_PRIVATE", MountFlags.describe(MountFlags.MS_REC | MountFlags.MS_PRIVATE));
        assertEquals("0", MountFlags.describe(0));
        assertEquals("MS_BIND|0x40000000", MountFlags.describe(MountFlags.MS_BIND | 0x40000000L));
    }

    @Test
    void errnoNamesAreReadable() {
        assertEquals("EPERM (Operation not permitted)", Errno.describe(Errno.EPERM));
        assertEquals("errno 999", Errno.describe(999));
    }
}
