package jrocker.step05.linux;

/**
 * cgroup v2's device rules, for real: a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program loaded and attached to a
 * cgroup with bpf(2). {@link jrocker.step05.walls.DeviceProgram} writes the program.
 */
public final class CgroupDeviceProgram {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    private static final long SYS_BPF = AARCH64 ? 280 : 321;
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    private static final int BPF_F_ALLOW_MULTI = 2;
    private static final int O_DIRECTORY_CLOEXEC = 0200000 | 02000000;
    /** Passed as union bpf_attr's size: larger than the fields used, smaller than any kernel's union (zero-filled). */
    private static final int ATTR_SIZE = 64;

    // tag::attach-device-program[]
    /**
     * Load {@code code}, a device program ({@link jrocker.step05.walls.DeviceProgram}), with bpf(BPF_PROG_LOAD) and attach it to the cgroup2 directory
     * {@code cgroup} with bpf(BPF_PROG_ATTACH), as runc does on cgroup v2. The attachment keeps the program
     * alive; it goes with the cgroup. Needs CAP_SYS_ADMIN (jrocker runs as root).
     */
    public static void attach(java.nio.file.Path cgroup, byte[] code) {
        com.sun.jna.Memory instructions = new com.sun.jna.Memory(code.length);
        instructions.write(0, code, 0, code.length);
        com.sun.jna.Memory license = new com.sun.jna.Memory(8);
        license.setString(0, "GPL");
        com.sun.jna.Memory attributes = new com.sun.jna.Memory(ATTR_SIZE);
        attributes.clear();
        attributes.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);
        attributes.setInt(4, code.length / 8);
        attributes.setLong(8, com.sun.jna.Pointer.nativeValue(instructions));
        attributes.setLong(16, com.sun.jna.Pointer.nativeValue(license));
        int program = (int) bpf("bpf(BPF_PROG_LOAD, BPF_PROG_TYPE_CGROUP_DEVICE, " + code.length / 8 + " instructions)",
                BPF_PROG_LOAD, attributes);
        try {
            int directory;
            try {
                directory = WallLibC.open(cgroup.toString(), O_DIRECTORY_CLOEXEC);
            } catch (com.sun.jna.LastErrorException e) {
                throw new jrocker.step01.linux.SyscallException(jrocker.step01.linux.CallText.call("open", cgroup,
                        "O_DIRECTORY"), e.getErrorCode());
            }
            try {
                attributes.clear();
                attributes.setInt(0, directory);
                attributes.setInt(4, program);
                attributes.setInt(8, BPF_CGROUP_DEVICE);
                attributes.setInt(12, BPF_F_ALLOW_MULTI);
                bpf("bpf(BPF_PROG_ATTACH, " + cgroup + ", BPF_CGROUP_DEVICE)", BPF_PROG_ATTACH, attributes);
            } finally {
                WallLibC.close(directory);
            }
        } finally {
            WallLibC.close(program);
        }
    }
    // end::attach-device-program[]

    private static long bpf(String call, int command, com.sun.jna.Memory attributes) {
        try {
            return WallLibC.syscall(SYS_BPF, command, com.sun.jna.Pointer.nativeValue(attributes), ATTR_SIZE);
        } catch (com.sun.jna.LastErrorException e) {
            throw new jrocker.step01.linux.SyscallException(call, e.getErrorCode());
        }
    }

    private CgroupDeviceProgram() {
    }
}
