package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cgroup v2's device program, checked without a kernel: its instructions run by a small interpreter. */
class DeviceProgramTest {
    private static final List<DeviceProgram.Instruction> DEFAULT = DeviceProgram.instructions(DeviceRules.DOCKER_DEFAULT);

    @Test
    void theProgramDecidesAsTheRulesDoForEveryDeviceAndAccess() {
        qt().forAll(integers().between(0, 300), integers().between(0, 300), integers().between(0, 5))
                .checkAssert((major, minor, which) -> {
                    char type = which % 2 == 0 ? 'c' : 'b';
                    char access = "mrw".charAt(which / 2);
                    assertEquals(DeviceRules.allows(DeviceRules.DOCKER_DEFAULT, type, major, minor, access),
                            DeviceProgram.run(DEFAULT, type, major, minor, access), type + " " + major + ":" + minor + " " + access);
                });
    }

    @Test
    void theProgramHasRuncsShapeAndEncoding() {
        // 6 loads, then per rule: its tests and "return 1"; "c *:* m" has a type test and an access test (3)
        assertEquals(List.of(new DeviceProgram.Instruction(0x55, 2, 0, 5, DeviceProgram.DEV_CHAR),
                new DeviceProgram.Instruction(0xbc, 1, 3, 0, 0), new DeviceProgram.Instruction(0x54, 1, 0, 0, 1),
                new DeviceProgram.Instruction(0x5d, 1, 3, 2, 0), new DeviceProgram.Instruction(0xb4, 0, 0, 0, 1),
                new DeviceProgram.Instruction(0x95, 0, 0, 0, 0)), DEFAULT.subList(6, 12));
        assertEquals(new DeviceProgram.Instruction(0xb4, 0, 0, 0, 0), DEFAULT.get(DEFAULT.size() - 2), "deny at the end");
        byte[] code = DeviceProgram.encode(DEFAULT.subList(0, 1)); // r2 = *(u32 *)(r1 + 0)
        ByteBuffer bytes = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        assertEquals(0x61, bytes.get(0));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x12 : 0x21, bytes.get(1), "src 1, dst 2");
    }
}
