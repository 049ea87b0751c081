package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jrocker.step01.container.ContainerId;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.RecordingSyscalls;
import jrocker.step01.linux.Syscalls;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option parsing and the checks {@code run} makes before it starts anything; no root needed. */
class RunCommandTest {

    /** A run that only records system calls, as a user with the given euid. */
    static class RecordingRun extends RunCommand {
        final RecordingSyscalls syscalls;

        RecordingRun(int euid) {
            syscalls = new RecordingSyscalls().euid(euid);
        }

        @Override
        protected Syscalls syscalls() {
            return syscalls;
        }
    }

    private static int execute(Object command, StringWriter err, String... args) {
        CommandLine commandLine = Cli.commandLine(command);
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }

    @Test
    void theCommandAndItsArgumentsArePassedVerbatim() {
        RunCommand run = new RunCommand();
        new CommandLine(run).setStopAtPositional(true)
                .parseArgs("-it", "--hostname", "box", "sh", "-c", "echo 'a  b'; exit 7", "--hostname", "");

        assertTrue(run.interactive);
        assertTrue(run.tty);
        assertEquals("box", run.hostname);
        assertEquals(List.of("sh", "-c", "echo 'a  b'; exit 7", "--hostname", ""), run.command,
                "options after COMMAND belong to COMMAND");
    }

    @Test
    void theInitMakesMountsPrivateFirst() {
        List<?> stages = new RunCommand().stages(ContainerId.random(), "box");
        assertEquals(List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname("box"), new Stages.MountProc()), stages);
    }

    @Test
    void withATerminalTheContainerTakesItOverLast() {
        RunCommand run = new RunCommand();
        new CommandLine(run).setStopAtPositional(true).parseArgs("-it", "sh");
        List<?> stages = run.stages(ContainerId.random(), "box");
        assertEquals(new Stages.TakeTerminal(), stages.get(stages.size() - 1));
        assertTrue(run.environment("box").stream().anyMatch(variable -> variable.startsWith("TERM=")));
    }

    @Test
    void theEnvironmentComesFromJrockerNotFromTheHost() {
        RunCommand run = new RunCommand();
        List<String> env = run.environment("box");
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=box", "HOME=/root"), env);
    }

    @Test
    void withoutRootRunSaysWhatToDoAndExits125() {
        StringWriter err = new StringWriter();
        RecordingRun run = new RecordingRun(1000);

        int exit = execute(run, err, "sh");

        assertEquals(125, exit);
        assertEquals("jrocker: run needs root (namespaces and mounts need CAP_SYS_ADMIN); try sudo", err.toString().strip());
        assertEquals(List.of(), run.syscalls.calls(), "nothing was attempted");
    }

    @Test
    void withoutACommandRunPrintsUsageAndExits2() {
        StringWriter err = new StringWriter();
        int exit = execute(new RecordingRun(0), err);
        assertEquals(2, exit);
        assertTrue(err.toString().contains("Missing required parameter: 'COMMAND'"), err.toString());
        assertTrue(err.toString().contains("Usage: run"), err.toString());
    }

    @Test
    void ttyNeedsATerminal() {
        StringWriter err = new StringWriter();
        int exit = execute(new RecordingRun(0), err, "-t", "sh");
        assertEquals(125, exit);
        assertTrue(err.toString().contains("the input device is not a TTY"), err.toString());
    }

    @Test
    void helpListsTheExitCodes() {
        String help = new CommandLine(new JrockerCommand()).getSubcommands().get("run").getUsageMessage();
        for (String code : List.of("125", "126", "127", "128+N")) {
            assertTrue(help.contains(code), help);
        }
    }
}
