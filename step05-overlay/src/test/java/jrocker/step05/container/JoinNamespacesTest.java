package jrocker.step05.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jrocker.step05.linux.RecordingLifecycleSyscalls;
import org.junit.jupiter.api.Test;

/** exec's way into a container, call by call, on the recording double. */
class JoinNamespacesTest {

    @Test
    void joinsEachNamespaceOfPid1ThroughTheHostsProcAndTheMountNamespaceLastAfterUnsharingFs() {
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        new JoinNamespaces(4242, JoinNamespaces.BEFORE_READY).run(syscalls);
        new JoinCgroupNamespace().run(syscalls);
        assertEquals(List.of(
                "setns(open(/proc/4242/ns/uts), 0)",
                "setns(open(/proc/4242/ns/ipc), 0)",
                "setns(open(/proc/4242/ns/net), 0)",
                "unshare(CLONE_FS)",
                "setns(open(/proc/4242/ns/mnt), 0)",
                "setns(open(/proc/1/ns/cgroup), 0)"), syscalls.calls());
    }

    @Test
    void theMountNamespaceCannotComeBeforeOthers() {
        assertThrows(IllegalArgumentException.class, () -> new JoinNamespaces(1, List.of("mnt", "uts")));
    }

    @Test
    void runCreatesAMissingWorkingDirectoryAndExecDoesNot() {
        RecordingLifecycleSyscalls syscalls = new RecordingLifecycleSyscalls();
        new ChangeDirectory("/work/here", true).run(syscalls);
        new ChangeDirectory("/srv", false).run(syscalls);
        assertEquals(List.of("mkdir(/work, 0755)", "mkdir(/work/here, 0755)", "chdir(/work/here)", "chdir(/srv)"),
                syscalls.calls());
    }
}
