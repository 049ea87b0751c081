package jrocker.step05.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** libseccomp (libseccomp2) is needed: it is in the README's package list. */
class SeccompFilterTest {

    @Test
    void callsOfOtherArchitecturesAreSkippedAndTheProgramIsWholeInstructions() {
        SeccompFilter.Rule rule = new SeccompFilter.Rule(List.of("no_such_call_anywhere", "getpid"),
                SeccompFilter.SCMP_ACT_ALLOW, List.of());
        byte[] program = SeccompFilter.compile(SeccompFilter.errno(1), List.of(rule));
        assertTrue(program.length > 0 && program.length % 8 == 0, program.length + " bytes: struct sock_filter instructions");
        assertTrue(returns(program, SeccompFilter.SCMP_ACT_ALLOW), "getpid's rule is in the program");
        assertTrue(returns(program, SeccompFilter.errno(1)), "and the default action");
        byte[] defaultOnly = SeccompFilter.compile(SeccompFilter.errno(1), List.of());
        assertTrue(!returns(defaultOnly, SeccompFilter.SCMP_ACT_ALLOW) && defaultOnly.length < program.length,
                "without rules, nothing is allowed");
        assertEquals(0x00050000 | 38, SeccompFilter.errno(38));
    }

    @Test
    void aRuleLibseccompRefusesIsAnIllegalArgumentNamingTheCall() {
        // an argument index past the six a system call has
        SeccompFilter.Rule rule = new SeccompFilter.Rule(List.of("getpid"), SeccompFilter.SCMP_ACT_ALLOW,
                List.of(new SeccompFilter.Comparison(9, SeccompFilter.SCMP_CMP_EQ, 0, 0)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SeccompFilter.compile(SeccompFilter.errno(1), List.of(rule)));
        assertTrue(refused.getMessage().startsWith("libseccomp refused the rule for getpid "), refused.getMessage());
    }

    /** Whether a path of the program ends in a BPF_RET (code 0x06) of {@code action}. */
    private static boolean returns(byte[] program, int action) {
        java.nio.ByteBuffer instructions = java.nio.ByteBuffer.wrap(program).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < program.length; i += 8) {
            if (instructions.getShort(i) == 0x06 && instructions.getInt(i + 4) == action) {
                return true;
            }
        }
        return false;
    }
}
