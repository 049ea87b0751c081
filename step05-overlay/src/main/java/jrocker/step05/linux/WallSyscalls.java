package jrocker.step05.linux;

import java.util.List;
import jrocker.step04.linux.PivotRootSyscalls;

/**
 * The calls that put up a container's last walls, on the thread that will execve (credentials, capabilities
 * and seccomp filters are per thread in the kernel: {@link jrocker.step05.walls.ApplyWalls} explains the order). The real ones are
 * in {@link LinuxWallSyscalls}, the test double is {@link RecordingWallSyscalls}.
 */
public interface WallSyscalls extends PivotRootSyscalls {

    /**
     * Before Ready: bind the C functions of the calls below, and copy what they will pass to the kernel (the
     * supplementary groups, the seccomp program) to native memory. They run after Go, when the init may be in a
     * cgroup with tiny limits.
     */
    void prepareWalls(List<Integer> groups, byte[] seccompProgram);

    /** prctl(PR_CAPBSET_DROP, capability): remove it from the bounding set, for good (needs CAP_SETPCAP). */
    void dropFromBoundingSet(int capability);

    /** prctl(PR_SET_KEEPCAPS): whether the permitted set survives a switch from uid 0 to another uid. */
    void keepCapabilities(boolean keep);

    /** setgroups(2) with the groups given to {@link #prepareWalls}, for this thread only (the raw system call). */
    void setgroups(List<Integer> groups);

    /** setresgid(2), this thread only. */
    void setresgid(int gid);

    /** setresuid(2), this thread only. */
    void setresuid(int uid);

    /** capset(2): this thread's effective, permitted and inheritable sets. */
    void capset(long effective, long permitted, long inheritable);

    /** prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL): no ambient capabilities. */
    void clearAmbientCapabilities();

    /** prctl(PR_SET_NO_NEW_PRIVS, 1): execve never grants privileges again (setuid bits, file capabilities). */
    void setNoNewPrivileges();

    /** prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, program): the program given to {@link #prepareWalls}. */
    void loadSeccompFilter();
}
