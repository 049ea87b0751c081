package jrocker.step05.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import jrocker.step05.walls.CapabilitySet;
import jrocker.step05.walls.SeccompProfile;
import org.junit.jupiter.api.Test;

/** libseccomp (libseccomp2) is needed: like libzstd, it is in the README's package list. */
class SeccompFilterTest {

    @Test
    void theDefaultProfileCompilesToAProgramThatEndsInItsActions() {
        SeccompProfile profile = SeccompProfile.defaultProfile();
        byte[] program = SeccompFilter.compile(profile.defaultAction(),
                profile.rulesFor(CapabilitySet.DOCKER_DEFAULT, SeccompProfile.dockerArch(), "6.1.0"));
        assertEquals(0, program.length % 8, "whole struct sock_filter instructions");
        assertTrue(program.length / 8 > 100 && program.length / 8 < 4096, program.length / 8 + " instructions (BPF_MAXINSNS 4096)");
        // Every path of a seccomp program ends in a BPF_RET (code 0x06) of an action; EPERM and ALLOW must be among them.
        ByteBuffer instructions = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        boolean returnsEperm = false;
        boolean returnsAllow = false;
        for (int i = 0; i < program.length; i += 8) {
            if (instructions.getShort(i) == 0x06) {
                int action = instructions.getInt(i + 4);
                returnsEperm |= action == (0x00050000 | 1);
                returnsAllow |= action == 0x7fff0000;
            }
        }
        assertTrue(returnsEperm && returnsAllow, "the program returns SECCOMP_RET_ERRNO|EPERM and SECCOMP_RET_ALLOW");
    }

    @Test
    void callsOfOtherArchitecturesAreSkippedAndActionsMapToTheKernels() {
        SeccompProfile.Rule rule = new SeccompProfile.Rule(List.of("no_such_call_anywhere", "getpid"),
                new SeccompProfile.Action("SCMP_ACT_ALLOW", 0), List.of());
        byte[] program = SeccompFilter.compile(new SeccompProfile.Action("SCMP_ACT_ERRNO", 1), List.of(rule));
        assertTrue(program.length > 0);
        assertEquals(0x00050000 | 38, SeccompFilter.action(new SeccompProfile.Action("SCMP_ACT_ERRNO", 38)));
        assertEquals(0x80000000, SeccompFilter.action(new SeccompProfile.Action("SCMP_ACT_KILL_PROCESS", 0)));
    }
}
