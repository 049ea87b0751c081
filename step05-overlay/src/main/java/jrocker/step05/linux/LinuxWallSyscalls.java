package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.List;
import jrocker.step01.linux.CallText;
import jrocker.step01.linux.SyscallException;

/** The real calls: the terminal's and step04's, plus the walls' ({@link WallSyscalls}). */
public class LinuxWallSyscalls extends LinuxTerminalSyscalls implements WallSyscalls {
    /** _LINUX_CAPABILITY_VERSION_3: 64-bit sets, passed as two 32-bit halves. */
    private static final int CAPABILITY_VERSION_3 = 0x20080522;

    private Memory groups;
    private int groupCount;
    private Memory seccompProgram;
    private Memory seccompProgramHeader;
    private Memory capabilityHeader;
    private Memory capabilityData;

    // tag::prepare-walls[]
    @Override
    public void prepareWalls(List<Integer> supplementaryGroups, byte[] program) {
        trace(CallText.call("prepareWalls", supplementaryGroups, program.length / 8 + " BPF instructions"));
        WallLibC.bind();
        groupCount = supplementaryGroups.size();
        groups = new Memory(Math.max(4, 4L * groupCount));
        for (int i = 0; i < groupCount; i++) {
            groups.setInt(4L * i, supplementaryGroups.get(i));
        }
        capabilityHeader = new Memory(8);     // struct __user_cap_header_struct { u32 version; int pid; }
        capabilityData = new Memory(2 * 12);  // struct __user_cap_data_struct[2] { u32 effective, permitted, inheritable; }
        if (program.length > 0) {
            seccompProgram = new Memory(program.length);
            seccompProgram.write(0, program, 0, program.length);
            seccompProgramHeader = new Memory(16); // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
            seccompProgramHeader.clear();
            seccompProgramHeader.setShort(0, (short) (program.length / 8));
            seccompProgramHeader.setPointer(8, seccompProgram);
        }
    }
    // end::prepare-walls[]

    @Override
    public void dropFromBoundingSet(int capability) {
        prctl(CallText.call("prctl", "PR_CAPBSET_DROP", capability), WallLibC.PR_CAPBSET_DROP, capability, 0);
    }

    @Override
    public void keepCapabilities(boolean keep) {
        prctl(CallText.call("prctl", "PR_SET_KEEPCAPS", keep ? 1 : 0), WallLibC.PR_SET_KEEPCAPS, keep ? 1 : 0, 0);
    }

    @Override
    public void setgroups(List<Integer> supplementaryGroups) {
        String call = CallText.call("setgroups", supplementaryGroups);
        if (groups == null || groupCount != supplementaryGroups.size()) {
            throw new IllegalStateException(call + ": prepareWalls was not called with these groups");
        }
        syscall(call, WallLibC.SYS_SETGROUPS, groupCount, Pointer.nativeValue(groups), 0);
    }

    @Override
    public void setresgid(int gid) {
        syscall(CallText.call("setresgid", gid, gid, gid), WallLibC.SYS_SETRESGID, gid, gid, gid);
    }

    @Override
    public void setresuid(int uid) {
        syscall(CallText.call("setresuid", uid, uid, uid), WallLibC.SYS_SETRESUID, uid, uid, uid);
    }

    @Override
    public void capset(long effective, long permitted, long inheritable) {
        String call = CallText.call("capset", hex(effective), hex(permitted), hex(inheritable));
        capabilityHeader.setInt(0, CAPABILITY_VERSION_3);
        capabilityHeader.setInt(4, 0); // this thread
        for (int half = 0; half < 2; half++) {
            int shift = 32 * half;
            capabilityData.setInt(12L * half, (int) (effective >>> shift));
            capabilityData.setInt(12L * half + 4, (int) (permitted >>> shift));
            capabilityData.setInt(12L * half + 8, (int) (inheritable >>> shift));
        }
        syscall(call, WallLibC.SYS_CAPSET, Pointer.nativeValue(capabilityHeader), Pointer.nativeValue(capabilityData), 0);
    }

    @Override
    public void clearAmbientCapabilities() {
        prctl(CallText.call("prctl", "PR_CAP_AMBIENT", "PR_CAP_AMBIENT_CLEAR_ALL"), WallLibC.PR_CAP_AMBIENT,
                WallLibC.PR_CAP_AMBIENT_CLEAR_ALL, 0);
    }

    @Override
    public void setNoNewPrivileges() {
        prctl(CallText.call("prctl", "PR_SET_NO_NEW_PRIVS", 1), WallLibC.PR_SET_NO_NEW_PRIVS, 1, 0);
    }

    @Override
    public void loadSeccompFilter() {
        String call = CallText.call("prctl", "PR_SET_SECCOMP", "SECCOMP_MODE_FILTER");
        if (seccompProgramHeader == null) {
            throw new IllegalStateException(call + ": prepareWalls was given no program");
        }
        prctl(call, WallLibC.PR_SET_SECCOMP, WallLibC.SECCOMP_MODE_FILTER, Pointer.nativeValue(seccompProgramHeader));
    }

    private static void prctl(String call, int option, long second, long third) {
        trace(call);
        try {
            WallLibC.prctl(option, second, third, 0, 0);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    private static void syscall(String call, long number, long first, long second, long third) {
        trace(call);
        try {
            WallLibC.syscall(number, first, second, third);
        } catch (LastErrorException e) {
            throw new SyscallException(call, e.getErrorCode());
        }
    }

    /** A capability mask as /proc/PID/status shows it (CapEff: 00000000a80425fb). */
    static String hex(long mask) {
        return String.format(java.util.Locale.ROOT, "%016x", mask);
    }
}
