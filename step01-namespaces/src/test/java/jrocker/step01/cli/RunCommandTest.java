package jrocker.step01.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jrocker.step01.Main;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.RecordingSyscalls;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option parsing, the written-out plan, and the checks {@code run} makes before it starts anything; no root needed. */
class RunCommandTest {

    /** step01 with system calls that are only recorded, as a user with the given euid. */
    static jrocker.step01.cli.Step<RecordingSyscalls> recording(int euid) {
        return Main.STEP.withSyscalls(new RecordingSyscalls().euid(euid));
    }

    private static int execute(jrocker.step01.cli.Step<?> step, StringWriter err, String... args) {
        CommandLine commandLine = Cli.commandLine(step);
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return commandLine.execute(withRun);
    }

    /** {@code run ARGS}, parsed as the CLI parses it. */
    static RunCommand.RunSpec parse(String... args) {
        RunCommand run = new RunCommand(Main.STEP);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return run.runSpec();
    }

    @Test
    void theCommandAndItsArgumentsArePassedVerbatim() {
        RunCommand.RunSpec run = parse("-it", "--hostname", "box", "sh", "-c", "echo 'a  b'; exit 7", "--hostname", "");

        assertTrue(run.session().interactive());
        assertTrue(run.session().tty());
        assertEquals("box", run.session().hostname());
        assertEquals(List.of("sh", "-c", "echo 'a  b'; exit 7", "--hostname", ""), run.command(),
                "options after COMMAND belong to COMMAND");
    }

    @Test
    void theInitMakesMountsPrivateFirst() {
        InitPlan plan = RunCommand.initPlan(parse("sh"), "box");
        assertEquals(List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname("box"), new Stages.MountProc()), plan.stages());
        assertEquals(List.of(), plan.afterGo());
        assertEquals(List.of("sh"), plan.command().argv());
    }

    @Test
    void withATerminalTheContainerTakesItOverLast() {
        InitPlan plan = RunCommand.initPlan(parse("-it", "sh"), "box");
        assertEquals(new Stages.TakeTerminal(), plan.stages().get(plan.stages().size() - 1));
        assertTrue(plan.command().env().stream().anyMatch(variable -> variable.startsWith("TERM=")));
    }

    @Test
    void theEnvironmentComesFromJrockerNotFromTheHost() {
        List<String> env = RunCommand.initPlan(parse("sh"), "box").command().env();
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=box", "HOME=/root"), env);
    }

    @Test
    void withoutRootRunSaysWhatToDoAndExits125() {
        StringWriter err = new StringWriter();
        var step = recording(1000);

        int exit = execute(step, err, "sh");

        assertEquals(125, exit);
        assertEquals("jrocker: run needs root (namespaces and mounts need CAP_SYS_ADMIN); try sudo", err.toString().strip());
        assertEquals(List.of(), step.syscalls().calls(), "nothing was attempted");
    }

    @Test
    void withoutACommandRunPrintsUsageAndExits2() {
        StringWriter err = new StringWriter();
        int exit = execute(recording(0), err);
        assertEquals(2, exit);
        assertTrue(err.toString().contains("Missing required parameter: 'COMMAND'"), err.toString());
        assertTrue(err.toString().contains("Usage: jrocker run"), err.toString());
    }

    @Test
    void ttyNeedsATerminal() {
        StringWriter err = new StringWriter();
        int exit = execute(recording(0), err, "-t", "sh");
        assertEquals(125, exit);
        assertTrue(err.toString().contains("the input device is not a TTY"), err.toString());
    }

    @Test
    void helpListsTheExitCodes() {
        String help = Cli.commandLine(Main.STEP).getSubcommands().get("run").getUsageMessage();
        for (String code : List.of("125", "126", "127", "128+N")) {
            assertTrue(help.contains(code), help);
        }
    }
}
