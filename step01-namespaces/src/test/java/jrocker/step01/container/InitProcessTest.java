package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.RecordingSyscalls;
import jrocker.step01.linux.SyscallException;
import org.junit.jupiter.api.Test;

/** The init's order of operations, checked against the recording test double: no root needed. */
class InitProcessTest {

    private static InitPlan plan(String... argv) {
        return new InitPlan(
                List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname("box"), new Stages.MountProc()),
                List.of(),
                new InitPlan.Command(List.of(argv), List.of("PATH=/usr/bin:/bin", "HOME=/root")));
    }

    @Test
    void runsTheStagesInOrderThenPreparesTheCommand() {
        RecordingSyscalls syscalls = new RecordingSyscalls();

        var prepared = new InitProcess(syscalls).prepare(plan("sh", "-c", "echo $$"));

        assertEquals(List.of(
                "mount(null, /, null, MS_REC|MS_PRIVATE, null)",
                "sethostname(box)",
                "mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"), syscalls.calls());
        assertTrue(prepared.path().endsWith("/sh"), prepared.path());
        assertEquals(List.of("sh", "-c", "echo $$"), prepared.argv(), "argv is passed verbatim");
        var recorded = (RecordingSyscalls.RecordedExec) prepared;
        assertEquals(List.of("PATH=/usr/bin:/bin", "HOME=/root"), recorded.env());
    }

    /** An after-Go stage that writes down when the init prepares it and when it runs it. */
    private record NoteTaking(List<String> notes) implements InitStage<jrocker.step01.linux.Syscalls> {
        @Override
        public void prepare(jrocker.step01.linux.Syscalls syscalls) {
            notes.add("prepare after " + ((RecordingSyscalls) syscalls).calls().size() + " calls");
        }

        @Override
        public void run(jrocker.step01.linux.Syscalls syscalls) {
            notes.add("run");
        }
    }

    @Test
    void afterGoStagesArePreparedBeforeReadyOnceTheStagesHaveRunAndRunOnlyAfterGo() {
        RecordingSyscalls syscalls = new RecordingSyscalls();
        List<String> notes = new java.util.ArrayList<>();
        InitPlan plan = new InitPlan(plan("sh").stages(), List.of(new NoteTaking(notes)), plan("sh").command());
        InitProcess init = new InitProcess(syscalls);

        init.prepare(plan); // everything main does before it sends Ready

        assertEquals(List.of("prepare after 3 calls"), notes, "prepared after the three stages, not run");
        init.runStages(plan.afterGo()); // after Go
        assertEquals(List.of("prepare after 3 calls", "run"), notes);
    }

    @Test
    void aFailingStageStopsTheInitBeforeLaterStages() {
        RecordingSyscalls syscalls = new RecordingSyscalls().failOn("mount(proc", Errno.EPERM);

        SyscallException failure = assertThrows(SyscallException.class,
                () -> new InitProcess(syscalls).prepare(plan("sh")));

        assertEquals("mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null) failed: EPERM (Operation not permitted)",
                failure.getMessage());
        assertEquals(List.of("mount(null, /, null, MS_REC|MS_PRIVATE, null)", "sethostname(box)",
                "mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"), syscalls.calls());
    }

    @Test
    void aMissingCommandIsReportedAs127BeforeAnythingIsExecuted() {
        RecordingSyscalls syscalls = new RecordingSyscalls();

        ContainerException failure = assertThrows(ContainerException.class,
                () -> new InitProcess(syscalls).prepare(plan("no-such-command-x")));

        assertEquals(ExitCodes.NOT_FOUND, failure.exitCode());
        assertTrue(failure.getMessage().contains("\"no-such-command-x\""), failure.getMessage());
        assertTrue(syscalls.calls().stream().noneMatch(call -> call.startsWith("execve")));
    }

    @Test
    void execClosesTheJvmsFilesFirst() {
        RecordingSyscalls syscalls = new RecordingSyscalls();
        InitProcess init = new InitProcess(syscalls);

        init.exec(init.prepare(plan("/bin/sh", "-c", "true")));

        assertEquals(List.of("closeOnExecAbove(2)", "execve(/bin/sh, [/bin/sh, -c, true])"),
                syscalls.calls().subList(3, 5));
    }

    @Test
    void execveErrorsMapToDockersExitCodes() {
        assertExecFailure(Errno.ENOENT, 127, "exec: \"/x\": no such file or directory (for a script: is the interpreter on its #! line there?)");
        assertExecFailure(Errno.ENOEXEC, 126, "exec: \"/x\": exec format error (not a program for this machine, nor a script with a #! line)");
        assertExecFailure(Errno.EACCES, 126, "exec: \"/x\": permission denied");
    }

    private static void assertExecFailure(int errno, int exitCode, String message) {
        RecordingSyscalls syscalls = new RecordingSyscalls().failOn("execve", errno);
        InitProcess init = new InitProcess(syscalls);
        ContainerException failure = assertThrows(ContainerException.class,
                () -> init.exec(syscalls.prepareExec("/x", List.of("/x"), List.of())));
        assertEquals(exitCode, failure.exitCode());
        assertEquals(message, failure.getMessage());
    }
}
