package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    private static final SeccompProfile DEFAULT = SeccompProfile.defaultProfile();

    private static boolean allowed(List<SeccompProfile.Rule> rules, String syscall) {
        return rules.stream().anyMatch(rule -> rule.names().contains(syscall) && rule.action().name().equals("SCMP_ACT_ALLOW"));
    }

    @Test
    void theDefaultIsAnAllowListThatAnswersEperm() {
        assertEquals(new SeccompProfile.Action("SCMP_ACT_ERRNO", 1), DEFAULT.defaultAction());
        List<SeccompProfile.Rule> rules = DEFAULT.rulesFor(CapabilitySet.DOCKER_DEFAULT, "amd64", "6.1.0");
        for (String everyday : List.of("read", "write", "execve", "capset", "setresuid", "close_range", "prctl")) {
            assertTrue(allowed(rules, everyday), everyday);
        }
        for (String denied : List.of("mount", "umount2", "unshare", "setns", "keyctl", "add_key", "bpf", "ptrace",
                "clock_settime", "init_module", "reboot", "kexec_load")) {
            assertFalse(allowed(rules, denied), denied);
        }
    }

    @Test
    void aCapabilityBringsTheCallsItExistsFor() {
        CapabilitySet admin = CapabilitySet.fromFlags(CapabilitySet.DOCKER_DEFAULT, List.of("SYS_ADMIN"), List.of());
        List<SeccompProfile.Rule> rules = DEFAULT.rulesFor(admin, "amd64", "6.1.0");
        assertTrue(allowed(rules, "mount") && allowed(rules, "unshare") && allowed(rules, "clone3"));
        assertFalse(allowed(rules, "clock_settime"));
        assertTrue(rules.stream().noneMatch(rule -> rule.names().contains("clone") && !rule.conditions().isEmpty()),
                "with SYS_ADMIN, clone is allowed whatever its flags (excludes)");
    }

    @Test
    void cloneMayNotCreateNamespacesAndClone3FallsBackToIt() {
        List<SeccompProfile.Rule> rules = DEFAULT.rulesFor(CapabilitySet.DOCKER_DEFAULT, "amd64", "6.1.0");
        SeccompProfile.Rule clone = rules.stream().filter(rule -> rule.names().contains("clone")).findFirst().orElseThrow();
        assertEquals(List.of(new SeccompProfile.Condition(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ")), clone.conditions());
        SeccompProfile.Rule clone3 = rules.stream().filter(rule -> rule.names().contains("clone3")).findFirst().orElseThrow();
        assertEquals(new SeccompProfile.Action("SCMP_ACT_ERRNO", 38), clone3.action(), "ENOSYS: the C library then uses clone");
    }

    @Test
    void architectureAndKernelConditionsAreWeighed() {
        SeccompProfile profile = SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
                + "{\"names\":[\"arch_prctl\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"arches\":[\"amd64\"]}},"
                + "{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":\"4.8\"}}]}");
        assertTrue(allowed(profile.rulesFor(CapabilitySet.DOCKER_DEFAULT, "amd64", "6.1.0-18-amd64"), "arch_prctl"));
        assertFalse(allowed(profile.rulesFor(CapabilitySet.DOCKER_DEFAULT, "arm64", "6.1.0"), "arch_prctl"));
        assertTrue(allowed(profile.rulesFor(CapabilitySet.DOCKER_DEFAULT, "amd64", "4.8.0"), "ptrace"));
        assertFalse(allowed(profile.rulesFor(CapabilitySet.DOCKER_DEFAULT, "amd64", "4.4.302"), "ptrace"));
    }

    @Test
    void aBadProfileSaysWhatIsWrong() {
        assertEquals("unknown defaultAction \"SCMP_ACT_NOPE\": one of [SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL,"
                + " SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_LOG, SCMP_ACT_TRAP]",
                assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_NOPE\"}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse("{")).getMessage().startsWith("not JSON: "));
        assertEquals("unknown field \"defaultActoin\" in the profile", assertThrows(IllegalArgumentException.class,
                () -> SeccompProfile.parse("{\"defaultActoin\":\"SCMP_ACT_ALLOW\"}")).getMessage());
        assertEquals("argument index 6 of read: system calls have 6 (0-5)", assertThrows(IllegalArgumentException.class,
                () -> SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"read\"],"
                        + "\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":6,\"value\":0,\"op\":\"SCMP_CMP_EQ\"}]}]}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ALLOW\","
                + "\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_NOPE\"]}}]}"));
    }

    @Test
    @Tag("capability-for-syscall")
    void theCapabilityToAddForACallIsTheOneItsRuleIncludes() {
        assertEquals(Set.of(Capability.SYS_ADMIN), DEFAULT.capabilitiesAllowing("mount"));
        assertEquals(Set.of(Capability.SYS_TIME), DEFAULT.capabilitiesAllowing("clock_settime"));
        assertEquals(Set.of(Capability.SYS_PTRACE), DEFAULT.capabilitiesAllowing("ptrace"));
        assertEquals(Set.of(Capability.SYS_ADMIN, Capability.BPF), DEFAULT.capabilitiesAllowing("bpf"));
        assertEquals(Set.of(), DEFAULT.capabilitiesAllowing("read"), "allowed to every container");
        assertEquals(Set.of(), DEFAULT.capabilitiesAllowing("keyctl"), "allowed to none");
        assertEquals(Set.of(Capability.SYS_ADMIN), DEFAULT.capabilitiesAllowing("clone3"),
                "the ENOSYS rule for the others allows nothing");
    }

    @Test
    void theDefaultProfileCompilesToAProgramThatEndsInItsActions() {
        byte[] program = SeccompProfile.defaultProfile().compile(CapabilitySet.DOCKER_DEFAULT, SeccompProfile.dockerArch(), "6.1.0");
        assertEquals(0, program.length % 8, "whole struct sock_filter instructions");
        assertTrue(program.length / 8 > 100 && program.length / 8 < 4096, program.length / 8 + " instructions (BPF_MAXINSNS 4096)");
        // Every path of a seccomp program ends in a BPF_RET (code 0x06) of an action; EPERM and ALLOW must be among them.
        java.nio.ByteBuffer instructions = java.nio.ByteBuffer.wrap(program).order(java.nio.ByteOrder.nativeOrder());
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
    void theProfilesActionsAndOperatorsAreLibseccompsValues() {
        assertEquals(0x00050000 | 38, SeccompProfile.action(new SeccompProfile.Action("SCMP_ACT_ERRNO", 38)));
        assertEquals(0x80000000, SeccompProfile.action(new SeccompProfile.Action("SCMP_ACT_KILL_PROCESS", 0)));
        assertEquals(0, SeccompProfile.action(new SeccompProfile.Action("SCMP_ACT_KILL", 0)), "KILL is KILL_THREAD");
        assertEquals(7, SeccompProfile.operator("SCMP_CMP_MASKED_EQ"));
        for (String op : SeccompProfile.Condition.OPS) {
            assertTrue(SeccompProfile.operator(op) >= 1 && SeccompProfile.operator(op) <= 7, op);
        }
        for (String name : SeccompProfile.Action.NAMES) {
            SeccompProfile.action(new SeccompProfile.Action(name, 1)); // each name the parser takes has a value
        }
    }
}
