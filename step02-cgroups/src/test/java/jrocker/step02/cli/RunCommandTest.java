package jrocker.step02.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jrocker.step01.cli.Cli;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.RecordingSyscalls;
import jrocker.step01.linux.Syscalls;
import jrocker.step02.container.EnterCgroupNamespace;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    /** step02's run with recorded system calls: nothing real can happen. */
    static class RecordingRun extends RunCommand {
        final RecordingSyscalls syscalls = new RecordingSyscalls();

        @Override
        protected Syscalls syscalls() {
            return syscalls;
        }
    }

    @Test
    void aBadLimitIsAOneLineErrorBeforeAnythingHappens() {
        StringWriter err = new StringWriter();
        RecordingRun run = new RecordingRun();
        CommandLine commandLine = Cli.commandLine(run);
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("--memory", "1x", "true");

        assertEquals(125, exit);
        assertEquals("jrocker: invalid memory size \"1x\": use a number with an optional unit b, k, m or g, e.g. 64m",
                err.toString().strip());
        assertEquals(List.of(), run.syscalls.calls());
    }

    @Test
    void limitsAreParsedFromDockersFlags() {
        RunCommand run = new RunCommand();
        new CommandLine(run).setStopAtPositional(true)
                .parseArgs("-m", "64m", "--cpus", "1", "--cpu-shares", "512", "--pids-limit", "20", "sh", "-m", "1x");

        var limits = run.limits();

        assertEquals(64L << 20, limits.memoryBytes().getAsLong());
        assertEquals(20L, limits.pidsMax().getAsLong());
        assertEquals(List.of("sh", "-m", "1x"), run.command(), "flags after COMMAND belong to COMMAND");
    }

    @Test
    void theCgroupNamespaceIsEnteredByTheInitAfterItJoinedItsCgroup() {
        RunCommand run = new RunCommand();
        assertFalse(run.namespaces().contains(Namespace.CGROUP));
        assertTrue(run.namespaces().containsAll(List.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.NETWORK)));
        assertEquals(List.of(new EnterCgroupNamespace()), run.stagesAfterGo());
    }

    @Test
    void helpShowsTheLimitFlagsAndStillTheExitCodes() {
        String help = new CommandLine(new JrockerCommand()).getSubcommands().get("run").getUsageMessage();
        for (String text : List.of("--memory", "--cpus", "--cpu-shares", "--cpuset-cpus", "--pids-limit", "--hostname", "125", "137")) {
            assertTrue(help.contains(text), text + " in\n" + help);
        }
    }

    @Test
    void oomMessagesSayMebibytes() {
        assertEquals("16 MiB", RunCommand.mebibytes(16L << 20));
        assertEquals("6291457 bytes", RunCommand.mebibytes((6L << 20) + 1));
    }
}
