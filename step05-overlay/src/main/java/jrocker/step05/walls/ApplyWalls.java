package jrocker.step05.walls;

import java.util.Base64;
import java.util.List;
import jrocker.step01.container.InitStage;
import jrocker.step05.linux.WallSyscalls;

// tag::apply-walls[]
/**
 * The container's last walls, put up by the init right before it execs the command: the user and groups
 * it runs as, its capabilities, no_new_privs, and its seccomp filter. An after-Go stage, the last one.
 *
 * <p>Credentials, capabilities and seccomp filters belong to a thread, not to a process: the kernel keeps
 * them per task, and the command gets those of the thread that calls execve. The init's main thread runs
 * this stage and then execs, so everything happens on that thread, with raw system calls that change only it.
 *
 * <p>The order is runc's ({@code finalizeNamespace}), and each step needs the one before:
 * <ol>
 *   <li>without no_new_privs, the seccomp filter first: loading one needs CAP_SYS_ADMIN then, which is about
 *       to go (the filter then must allow every call below, and docker's does);</li>
 *   <li>drop from the bounding set what the container may not have: this needs CAP_SETPCAP, so before capset;</li>
 *   <li>keep capabilities across the user switch (PR_SET_KEEPCAPS), set groups, gid, uid (still root, so
 *       allowed), stop keeping them;</li>
 *   <li>capset: effective and permitted to the container's set, inheritable empty; no ambient capabilities.
 *       execve then gives root exactly the bounding set, and a non-root user nothing, as in docker;</li>
 *   <li>no_new_privs if asked, and with it the seccomp filter, as late as possible.</li>
 * </ol>
 *
 * @param privileged      {@code --privileged}: capabilities as they are (all the host's), no filter
 * @param capabilities    the container's capability set (a mask: bit N for capability N)
 * @param lastCapability  the highest capability this kernel knows (/proc/sys/kernel/cap_last_cap)
 * @param uid             the user the command runs as
 * @param gid             its group
 * @param groups          its supplementary groups
 * @param noNewPrivileges {@code --security-opt no-new-privileges}
 * @param seccompProgram  the seccomp filter, a BPF program in base64 (8 bytes an instruction); "" for none
 */
public record ApplyWalls(boolean privileged, long capabilities, int lastCapability, int uid, int gid,
                         List<Integer> groups, boolean noNewPrivileges, String seccompProgram)
        implements InitStage<WallSyscalls> {

    public ApplyWalls {
        groups = List.copyOf(groups);
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("negative uid or gid: " + uid + ":" + gid);
        }
        if (lastCapability < 0 || lastCapability > 63) {
            throw new IllegalArgumentException("not a capability number: " + lastCapability);
        }
    }

    /** Before Ready: bind the calls and copy the groups and the program to native memory. */
    @Override
    public void prepare(WallSyscalls syscalls) {
        syscalls.prepareWalls(groups, program());
    }

    @Override
    public void run(WallSyscalls syscalls) {
        boolean filter = !seccompProgram.isEmpty();
        if (filter && !noNewPrivileges) {
            syscalls.loadSeccompFilter();
        }
        if (!privileged) {
            for (int capability = 0; capability <= lastCapability; capability++) {
                if ((capabilities & (1L << capability)) == 0) {
                    syscalls.dropFromBoundingSet(capability);
                }
            }
        }
        syscalls.keepCapabilities(true);
        syscalls.setgroups(groups);
        syscalls.setresgid(gid);
        syscalls.setresuid(uid);
        syscalls.keepCapabilities(false);
        if (!privileged) {
            syscalls.capset(capabilities, capabilities, 0);
            syscalls.clearAmbientCapabilities();
        }
        if (noNewPrivileges) {
            syscalls.setNoNewPrivileges();
            if (filter) {
                syscalls.loadSeccompFilter();
            }
        }
    }

    private byte[] program() {
        return Base64.getDecoder().decode(seccompProgram);
    }
}
// end::apply-walls[]
