package jrocker.step05.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * libseccomp, as jrocker uses it: rules for system calls by name, compiled into the BPF program the kernel runs at
 * every system call the container makes. The rules are libseccomp's own vocabulary (SCMP_ACT_* actions, SCMP_CMP_*
 * comparisons of an argument); which rules a container gets is the walls' business (a seccomp profile, chapter 7).
 * Built once, by jrocker on the host while the init JVM boots; the init only hands the finished program to the kernel.
 */
public final class SeccompFilter {
    public static final int SCMP_ACT_KILL_PROCESS = 0x80000000;
    public static final int SCMP_ACT_KILL_THREAD = 0x00000000;
    public static final int SCMP_ACT_TRAP = 0x00030000;
    /** With the errno in its low 16 bits: {@link #errno}. */
    public static final int SCMP_ACT_ERRNO = 0x00050000;
    public static final int SCMP_ACT_LOG = 0x7ffc0000;
    public static final int SCMP_ACT_ALLOW = 0x7fff0000;
    /** enum scmp_compare. */
    public static final int SCMP_CMP_NE = 1;
    public static final int SCMP_CMP_LT = 2;
    public static final int SCMP_CMP_LE = 3;
    public static final int SCMP_CMP_EQ = 4;
    public static final int SCMP_CMP_GE = 5;
    public static final int SCMP_CMP_GT = 6;
    /** datum_a is the mask, datum_b the value the masked argument must equal. */
    public static final int SCMP_CMP_MASKED_EQ = 7;
    /** sizeof(struct scmp_arg_cmp): unsigned int arg; enum scmp_compare op; uint64 datum_a, datum_b. */
    private static final int ARG_CMP_SIZE = 24;

    /** {@code names} get {@code action} (an SCMP_ACT_* value) when every comparison holds. */
    public record Rule(List<String> names, int action, List<Comparison> comparisons) {
    }

    /** struct scmp_arg_cmp: argument {@code index} compared with {@code operator} (SCMP_CMP_*) to the data. */
    public record Comparison(int index, int operator, long datumA, long datumB) {
    }

    /** SCMP_ACT_ERRNO with {@code errno}: the call fails with it. */
    public static int errno(int errno) {
        return SCMP_ACT_ERRNO | (errno & 0xffff);
    }

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
    public static byte[] compile(int defaultAction, List<Rule> rules) {
        SeccompLibrary.load();
        Pointer context = SeccompLibrary.seccomp_init(defaultAction);
        if (context == null) {
            throw new IllegalArgumentException("libseccomp refused the default action 0x" + Integer.toHexString(defaultAction));
        }
        try {
            for (Rule rule : rules) {
                if (rule.action() == defaultAction) {
                    continue; // libseccomp refuses a rule that says what the default says already
                }
                Memory comparisons = comparisons(rule.comparisons());
                for (String name : rule.names()) {
                    int number = SeccompLibrary.seccomp_syscall_resolve_name(name);
                    if (number < 0) {
                        continue; // not a system call of this architecture
                    }
                    int result = SeccompLibrary.seccomp_rule_add_array(context, rule.action(), number,
                            rule.comparisons().size(), comparisons);
                    if (result < 0) {
                        throw new IllegalArgumentException("libseccomp refused the rule for " + name + " "
                                + rule.comparisons() + ": errno " + -result);
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

    private static Memory comparisons(List<Comparison> comparisons) {
        Memory memory = new Memory(Math.max(1, comparisons.size()) * (long) ARG_CMP_SIZE);
        memory.clear();
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison comparison = comparisons.get(i);
            long offset = (long) i * ARG_CMP_SIZE;
            memory.setInt(offset, comparison.index());
            memory.setInt(offset + 4, comparison.operator());
            memory.setLong(offset + 8, comparison.datumA());
            memory.setLong(offset + 16, comparison.datumB());
        }
        return memory;
    }
}
