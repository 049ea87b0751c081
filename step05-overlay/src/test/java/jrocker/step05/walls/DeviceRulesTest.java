package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {
    private static final List<DeviceRules.Rule> DEFAULT = DeviceRules.DOCKER_DEFAULT;

    @Test
    void rulesAreWrittenAsDevicesAllowReadsThem() {
        assertEquals("c *:* m", DEFAULT.get(0).line());
        assertEquals("c 1:3 rwm", DEFAULT.get(2).line());
        assertEquals("c 136:* rwm", new DeviceRules.Rule('c', 136, -1, "rwm").line());
    }

    @Test
    @Tag("device-rule")
    void aContainerMayMakeAnyNodeButOpenOnlyItsOwnDevices() {
        assertTrue(DeviceRules.allows(DEFAULT, 'c', 1, 3, 'r'), "/dev/null");
        assertTrue(DeviceRules.allows(DEFAULT, 'c', 136, 7, 'w'), "a pty slave: any minor");
        assertTrue(DeviceRules.allows(DEFAULT, 'b', 8, 0, 'm'), "mknod of a disk is allowed");
        assertFalse(DeviceRules.allows(DEFAULT, 'b', 8, 0, 'r'), "reading a disk is not");
        assertFalse(DeviceRules.allows(DEFAULT, 'c', 1, 1, 'r'), "/dev/mem is not");
        assertFalse(DeviceRules.allows(DEFAULT, 'c', 4, 1, 'w'), "a host console is not");
        assertFalse(DeviceRules.allows(List.of(), 'c', 1, 3, 'r'), "no rule, no device");
        assertTrue(DeviceRules.allows(List.of(new DeviceRules.Rule('a', -1, -1, "rwm")), 'b', 8, 0, 'w'), "a: all types");
    }
}
