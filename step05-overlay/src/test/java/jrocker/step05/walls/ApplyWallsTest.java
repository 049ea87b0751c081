package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jrocker.step05.linux.RecordingWallSyscalls;
import org.junit.jupiter.api.Test;

/** The order of the walls' calls, as runc's finalizeNamespace makes them, recorded without root. */
class ApplyWallsTest {
    private static final long DEFAULT = CapabilitySet.DOCKER_DEFAULT.mask();
    private static final String PROGRAM = "AAAAAAAAAAA="; // one instruction; its content does not matter here

    private static List<String> calls(ApplyWalls walls) {
        RecordingWallSyscalls syscalls = new RecordingWallSyscalls();
        walls.prepare(syscalls);
        walls.run(syscalls);
        return syscalls.calls();
    }

    private static List<String> drops() {
        List<String> drops = new ArrayList<>();
        for (int capability = 0; capability <= 40; capability++) {
            if ((DEFAULT & (1L << capability)) == 0) {
                drops.add("prctl(PR_CAPBSET_DROP, " + capability + ")");
            }
        }
        return drops;
    }

    @Test
    void rootGetsTheFilterWhileItMayStillLoadOneThenItsCapabilities() {
        List<String> expected = new ArrayList<>(List.of("prepareWalls([10], 1 BPF instructions)",
                "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)"));
        expected.addAll(drops());
        expected.addAll(List.of("prctl(PR_SET_KEEPCAPS, 1)", "setgroups([10])", "setresgid(0, 0, 0)", "setresuid(0, 0, 0)",
                "prctl(PR_SET_KEEPCAPS, 0)", "capset(00000000a80425fb, 00000000a80425fb, 0000000000000000)",
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)"));
        assertEquals(expected, calls(new ApplyWalls(false, DEFAULT, 40, 0, 0, List.of(10), false, PROGRAM)));
        assertEquals(27, drops().size(), "41 capabilities, 14 kept");
    }

    @Test
    void withNoNewPrivilegesTheFilterComesLastAfterTheUserSwitch() {
        List<String> calls = calls(new ApplyWalls(false, DEFAULT, 40, 1000, 1000, List.of(), true, PROGRAM));
        assertEquals(List.of("setgroups([])", "setresgid(1000, 1000, 1000)", "setresuid(1000, 1000, 1000)",
                "prctl(PR_SET_KEEPCAPS, 0)", "capset(00000000a80425fb, 00000000a80425fb, 0000000000000000)",
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)", "prctl(PR_SET_NO_NEW_PRIVS, 1)",
                "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)"), calls.subList(calls.size() - 8, calls.size()));
        assertEquals("prctl(PR_CAPBSET_DROP, 2)", calls.get(1), "no filter before the drops");
    }

    @Test
    void privilegedChangesOnlyTheUser() {
        assertEquals(List.of("prepareWalls([], 0 BPF instructions)", "prctl(PR_SET_KEEPCAPS, 1)", "setgroups([])",
                "setresgid(0, 0, 0)", "setresuid(0, 0, 0)", "prctl(PR_SET_KEEPCAPS, 0)"),
                calls(new ApplyWalls(true, -1L >>> 23, 40, 0, 0, List.of(), false, "")));
    }
}
