package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CapabilitySetTest {

    @Test
    void dockersDefaultIsTheFourteenOfItsDocumentationAsProcShowsThem() {
        assertEquals("00000000a80425fb", CapabilitySet.DOCKER_DEFAULT.hex());
        assertEquals(14, CapabilitySet.DOCKER_DEFAULT.capabilities().size());
        assertEquals(40, Capability.CHECKPOINT_RESTORE.number(), "the kernel's numbering, up to Linux 6.x");
    }

    @Test
    void namesAreReadWithOrWithoutCapInAnyCase() {
        assertEquals(Capability.SYS_ADMIN, Capability.parse("sys_admin"));
        assertEquals(Capability.SYS_ADMIN, Capability.parse("CAP_SYS_ADMIN"));
        assertEquals(Capability.NET_RAW, Capability.parse("cap_net_raw"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Capability.parse("SYS_NOPE"));
        assertEquals("unknown capability: \"SYS_NOPE\" (capabilities(7) lists them, e.g. NET_ADMIN or CAP_SYS_TIME)",
                unknown.getMessage());
    }

    @Test
    void capAddAndCapDropChangeTheDefaultLikeDockers() {
        CapabilitySet base = CapabilitySet.DOCKER_DEFAULT;
        assertEquals(base.mask() | 1L << 25, CapabilitySet.fromFlags(base, List.of("SYS_TIME"), List.of()).mask());
        assertEquals(base.mask() & ~(1L << 27), CapabilitySet.fromFlags(base, List.of(), List.of("mknod")).mask());
        assertEquals(CapabilitySet.of(Capability.CHOWN),
                CapabilitySet.fromFlags(base, List.of("chown"), List.of("ALL")), "drop ALL, then add");
        assertEquals(CapabilitySet.ALL.mask() & ~(1L << 21),
                CapabilitySet.fromFlags(base, List.of("all"), List.of("SYS_ADMIN")).mask(), "add ALL, then drop");
        assertEquals(base.mask() & ~(1L << 0),
                CapabilitySet.fromFlags(base, List.of("CHOWN"), List.of("CHOWN")).mask(), "a drop wins over an add");
    }

    @Test
    @Tag("capability-mask")
    void aMaskFromProcReadsAsTheCapabilitiesItsBitsName() {
        CapabilitySet parsed = CapabilitySet.fromHex("00000000a80425fb");
        assertEquals(CapabilitySet.DOCKER_DEFAULT, parsed);
        assertEquals(List.of(Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.FSETID,
                Capability.KILL, Capability.SETGID, Capability.SETUID, Capability.SETPCAP, Capability.NET_BIND_SERVICE,
                Capability.NET_RAW, Capability.SYS_CHROOT, Capability.MKNOD, Capability.AUDIT_WRITE, Capability.SETFCAP),
                parsed.capabilities());
        assertEquals(List.of(Capability.SYS_ADMIN), CapabilitySet.fromHex("200000").capabilities());
        assertEquals(List.of(), CapabilitySet.fromHex("0").capabilities());
        assertEquals(0xffffffffffffffffL, CapabilitySet.fromHex("ffffffffffffffff").mask());
        for (String bad : List.of("", "xyz", "1ffffffffffffffff", "-1", "0x10")) {
            assertThrows(IllegalArgumentException.class, () -> CapabilitySet.fromHex(bad), bad);
        }
    }

    @Test
    @Tag("capability-mask")
    void everyMaskReadsBackFromItsHex() {
        qt().forAll(longs().all()).checkAssert(mask ->
                assertEquals(new CapabilitySet(mask), CapabilitySet.fromHex(new CapabilitySet(mask).hex())));
    }
}
