package jrocker.step05.walls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

// tag::device-program[]
/**
 * The device rules for cgroup v2, which has no devices files: an eBPF program of type
 * {@code BPF_PROG_TYPE_CGROUP_DEVICE}, attached to the container's cgroup, that the kernel runs at every open
 * and mknod of a device node. It gets {@code struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }}
 * (access_type: the access in the upper 16 bits, the device type in the lower) and returns 1 to allow, 0 to deny.
 * The program is runc's ({@code libcontainer/cgroups/devices}): load the context into registers, then one block
 * per rule that jumps to the next block at the first mismatch and returns 1 at its end; after the last, 0.
 */
public final class DeviceProgram {
    /** bpf_cgroup_dev_ctx's device types and accesses (uapi/linux/bpf.h). */
    static final int DEV_BLOCK = 1;
    static final int DEV_CHAR = 2;
    static final int ACC_MKNOD = 1;
    static final int ACC_READ = 2;
    static final int ACC_WRITE = 4;

    // eBPF opcodes: class | operation | source
    private static final int LDX_MEM_W = 0x61;
    private static final int ALU_AND_K = 0x54;
    private static final int ALU_RSH_K = 0x74;
    private static final int ALU_MOV_K = 0xb4;
    private static final int ALU_MOV_X = 0xbc;
    private static final int JMP_JNE_K = 0x55;
    private static final int JMP_JNE_X = 0x5d;
    private static final int JMP_EXIT = 0x95;

    /** One eBPF instruction: opcode, destination and source registers, jump offset, immediate. */
    record Instruction(int opcode, int destination, int source, int offset, int immediate) {
    }

    private DeviceProgram() {
    }

    /** The program for {@code rules}, as eBPF instructions. */
    static List<Instruction> instructions(List<DeviceRules.Rule> rules) {
        List<Instruction> program = new ArrayList<>();
        program.add(new Instruction(LDX_MEM_W, 2, 1, 0, 0));     // r2 = ctx->access_type
        program.add(new Instruction(ALU_AND_K, 2, 0, 0, 0xffff)); // r2 &= 0xffff: the type
        program.add(new Instruction(LDX_MEM_W, 3, 1, 0, 0));     // r3 = ctx->access_type
        program.add(new Instruction(ALU_RSH_K, 3, 0, 0, 16));     // r3 >>= 16: the access asked for
        program.add(new Instruction(LDX_MEM_W, 4, 1, 4, 0));     // r4 = ctx->major
        program.add(new Instruction(LDX_MEM_W, 5, 1, 8, 0));     // r5 = ctx->minor
        for (DeviceRules.Rule rule : rules) {
            List<Instruction> tests = new ArrayList<>(); // each jumps past this block's end on a mismatch
            if (rule.type() != 'a') {
                tests.add(new Instruction(JMP_JNE_K, 2, 0, 0, rule.type() == 'b' ? DEV_BLOCK : DEV_CHAR));
            }
            int access = access(rule.access());
            if (access != (ACC_MKNOD | ACC_READ | ACC_WRITE)) {
                tests.add(new Instruction(ALU_MOV_X, 1, 3, 0, 0));      // r1 = asked
                tests.add(new Instruction(ALU_AND_K, 1, 0, 0, access)); // r1 &= allowed
                tests.add(new Instruction(JMP_JNE_X, 1, 3, 0, 0));      // asked for more than allowed: next
            }
            if (rule.major() >= 0) {
                tests.add(new Instruction(JMP_JNE_K, 4, 0, 0, rule.major()));
            }
            if (rule.minor() >= 0) {
                tests.add(new Instruction(JMP_JNE_K, 5, 0, 0, rule.minor()));
            }
            for (int i = 0; i < tests.size(); i++) {
                Instruction test = tests.get(i);
                boolean jump = test.opcode() == JMP_JNE_K || test.opcode() == JMP_JNE_X;
                // from the instruction after this one to the one after "return 1" (2 instructions)
                program.add(jump ? new Instruction(test.opcode(), test.destination(), test.source(),
                        tests.size() - i - 1 + 2, test.immediate()) : test);
            }
            program.add(new Instruction(ALU_MOV_K, 0, 0, 0, 1)); // r0 = 1: allow
            program.add(new Instruction(JMP_EXIT, 0, 0, 0, 0));
        }
        program.add(new Instruction(ALU_MOV_K, 0, 0, 0, 0)); // no rule matched: deny
        program.add(new Instruction(JMP_EXIT, 0, 0, 0, 0));
        return program;
    }
    // end::device-program[]

    /** The program for {@code rules} as the kernel takes it: 8 bytes an instruction ({@code CgroupDeviceProgram}). */
    public static byte[] bytes(List<DeviceRules.Rule> rules) {
        return encode(instructions(rules));
    }

    /** The program as the kernel takes it: 8 bytes per instruction, in this machine's byte order. */
    static byte[] encode(List<Instruction> program) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * program.size()).order(ByteOrder.nativeOrder());
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (Instruction instruction : program) {
            bytes.put((byte) instruction.opcode());
            // struct bpf_insn { u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm; }: bit fields in memory order
            int registers = little ? (instruction.source() << 4) | instruction.destination()
                    : (instruction.destination() << 4) | instruction.source();
            bytes.put((byte) registers);
            bytes.putShort((short) instruction.offset());
            bytes.putInt(instruction.immediate());
        }
        return bytes.array();
    }

    /**
     * Whether the program lets {@code access} (r, w or m) on device {@code type major:minor} through: a small
     * interpreter of the instructions above, so that tests can check the program, not only the rules.
     */
    static boolean run(List<Instruction> program, char type, int major, int minor, char access) {
        long[] registers = new long[11];
        int[] context = {(access(String.valueOf(access)) << 16) | (type == 'b' ? DEV_BLOCK : DEV_CHAR), major, minor};
        for (int pc = 0; pc < program.size(); pc++) {
            Instruction i = program.get(pc);
            long operand = (i.opcode() & 0x08) != 0 ? registers[i.source()] : i.immediate() & 0xffffffffL; // BPF_X: a register
            switch (i.opcode()) {
                case LDX_MEM_W -> registers[i.destination()] = context[i.offset() / 4] & 0xffffffffL;
                case ALU_AND_K -> registers[i.destination()] &= operand;
                case ALU_RSH_K -> registers[i.destination()] >>>= operand;
                case ALU_MOV_K, ALU_MOV_X -> registers[i.destination()] = operand;
                case JMP_JNE_K, JMP_JNE_X -> pc += registers[i.destination()] != operand ? i.offset() : 0;
                case JMP_EXIT -> {
                    return registers[0] == 1;
                }
                default -> throw new IllegalStateException("unknown opcode " + i.opcode());
            }
        }
        throw new IllegalStateException("the program ran off its end");
    }

    private static int access(String access) {
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'm' -> ACC_MKNOD;
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                default -> throw new IllegalArgumentException("not a device access: " + c);
            };
        }
        return bits;
    }
}
