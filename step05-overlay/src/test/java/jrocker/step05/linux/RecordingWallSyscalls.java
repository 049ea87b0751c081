package jrocker.step05.linux;

import java.util.List;
import jrocker.step01.linux.CallText;

/** The test double of the terminal and step04, plus the walls' calls, spelled as the real ones trace them. */
public class RecordingWallSyscalls extends RecordingTerminalSyscalls implements WallSyscalls {

    @Override
    public void prepareWalls(List<Integer> groups, byte[] seccompProgram) {
        record(CallText.call("prepareWalls", groups, seccompProgram.length / 8 + " BPF instructions"));
    }

    @Override
    public void dropFromBoundingSet(int capability) {
        record(CallText.call("prctl", "PR_CAPBSET_DROP", capability));
    }

    @Override
    public void keepCapabilities(boolean keep) {
        record(CallText.call("prctl", "PR_SET_KEEPCAPS", keep ? 1 : 0));
    }

    @Override
    public void setgroups(List<Integer> groups) {
        record(CallText.call("setgroups", groups));
    }

    @Override
    public void setresgid(int gid) {
        record(CallText.call("setresgid", gid, gid, gid));
    }

    @Override
    public void setresuid(int uid) {
        record(CallText.call("setresuid", uid, uid, uid));
    }

    @Override
    public void capset(long effective, long permitted, long inheritable) {
        record(CallText.call("capset", LinuxWallSyscalls.hex(effective), LinuxWallSyscalls.hex(permitted),
                LinuxWallSyscalls.hex(inheritable)));
    }

    @Override
    public void clearAmbientCapabilities() {
        record(CallText.call("prctl", "PR_CAP_AMBIENT", "PR_CAP_AMBIENT_CLEAR_ALL"));
    }

    @Override
    public void setNoNewPrivileges() {
        record(CallText.call("prctl", "PR_SET_NO_NEW_PRIVS", 1));
    }

    @Override
    public void loadSeccompFilter() {
        record(CallText.call("prctl", "PR_SET_SECCOMP", "SECCOMP_MODE_FILTER"));
    }
}
