package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jrocker.step05.walls.SeccompProfile;

/**
 * Builds a container's seccomp filter: the rules of a {@link SeccompProfile} that apply to it, compiled by
 * libseccomp into the BPF program the kernel runs at every system call the container makes. Built once, by
 * jrocker on the host while the init JVM boots; the init only hands the finished program to the kernel.
 */
public final class SeccompFilter {
    private static final int SCMP_ACT_KILL_PROCESS = 0x80000000;
    private static final int SCMP_ACT_KILL_THREAD = 0x00000000;
    private static final int SCMP_ACT_TRAP = 0x00030000;
    private static final int SCMP_ACT_ERRNO = 0x00050000;
    private static final int SCMP_ACT_LOG = 0x7ffc0000;
    private static final int SCMP_ACT_ALLOW = 0x7fff0000;
    /** sizeof(struct scmp_arg_cmp): unsigned int arg; enum scmp_compare op; uint64 datum_a, datum_b. */
    private static final int ARG_CMP_SIZE = 24;

    private SeccompFilter() {
    }

    /** libseccomp's version, if it can be loaded ({@code doctor}). */
    public static Optional<String> libraryVersion() {
        return SeccompLibrary.version();
    }

    /**
     * The BPF program for {@code rules} with {@code defaultAction} for every other call: 8 bytes per instruction
     * (struct sock_filter), as prctl(PR_SET_SECCOMP) takes it. Names this architecture does not have are
     * skipped, as docker does (a profile lists the calls of every architecture).
     *
     * @throws IllegalArgumentException when libseccomp refuses a rule
     */
    public static byte[] compile(SeccompProfile.Action defaultAction, List<SeccompProfile.Rule> rules) {
        SeccompLibrary.load();
        int fallback = action(defaultAction);
        Pointer context = SeccompLibrary.seccomp_init(fallback);
        if (context == null) {
            throw new IllegalArgumentException("libseccomp refused the default action " + defaultAction.name());
        }
        try {
            for (SeccompProfile.Rule rule : rules) {
                int action = action(rule.action());
                if (action == fallback) {
                    continue; // libseccomp refuses a rule that says what the default says already
                }
                Memory conditions = conditions(rule.conditions());
                for (String name : rule.names()) {
                    int number = SeccompLibrary.seccomp_syscall_resolve_name(name);
                    if (number < 0) {
                        continue; // not a system call of this architecture
                    }
                    int result = SeccompLibrary.seccomp_rule_add_array(context, action, number, rule.conditions().size(), conditions);
                    if (result < 0) {
                        throw new IllegalArgumentException("libseccomp refused the rule for " + name + " "
                                + rule.conditions() + ": errno " + -result);
                    }
                }
            }
            return export(context);
        } finally {
            SeccompLibrary.seccomp_release(context);
        }
    }

    /** The program libseccomp writes to a file descriptor: a memfd, read back through /proc/self/fd. */
    private static byte[] export(Pointer context) {
        int fd;
        try {
            fd = WallLibC.memfd_create("jrocker-seccomp", WallLibC.MFD_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IllegalStateException("memfd_create failed: errno " + e.getErrorCode(), e);
        }
        try {
            int result = SeccompLibrary.seccomp_export_bpf(context, fd);
            if (result < 0) {
                throw new IllegalStateException("seccomp_export_bpf failed: errno " + -result);
            }
            byte[] program = Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            if (program.length == 0 || program.length % 8 != 0) {
                throw new IllegalStateException("seccomp_export_bpf wrote " + program.length + " bytes, not whole instructions");
            }
            return program;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            WallLibC.close(fd);
        }
    }

    private static Memory conditions(List<SeccompProfile.Condition> conditions) {
        Memory memory = new Memory(Math.max(1, conditions.size()) * (long) ARG_CMP_SIZE);
        memory.clear();
        for (int i = 0; i < conditions.size(); i++) {
            SeccompProfile.Condition condition = conditions.get(i);
            long offset = (long) i * ARG_CMP_SIZE;
            memory.setInt(offset, condition.index());
            memory.setInt(offset + 4, operator(condition.op()));
            memory.setLong(offset + 8, condition.value());
            memory.setLong(offset + 16, condition.valueTwo());
        }
        return memory;
    }

    /** enum scmp_compare. For SCMP_CMP_MASKED_EQ, datum_a is the mask and datum_b the value: docker's value, valueTwo. */
    private static int operator(String op) {
        return switch (op) {
            case "SCMP_CMP_NE" -> 1;
            case "SCMP_CMP_LT" -> 2;
            case "SCMP_CMP_LE" -> 3;
            case "SCMP_CMP_EQ" -> 4;
            case "SCMP_CMP_GE" -> 5;
            case "SCMP_CMP_GT" -> 6;
            case "SCMP_CMP_MASKED_EQ" -> 7;
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    /** The SCMP_ACT_* value of {@code action}. */
    public static int action(SeccompProfile.Action action) {
        return switch (action.name()) {
            case "SCMP_ACT_ALLOW" -> SCMP_ACT_ALLOW;
            case "SCMP_ACT_ERRNO" -> SCMP_ACT_ERRNO | (action.errno() & 0xffff);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> SCMP_ACT_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> SCMP_ACT_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> SCMP_ACT_TRAP;
            case "SCMP_ACT_LOG" -> SCMP_ACT_LOG;
            default -> throw new IllegalArgumentException("unknown action " + action.name());
        };
    }
}
