package jrocker.step02.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import jrocker.step01.cli.Cli;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.Stages;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.RecordingSyscalls;
import jrocker.step02.Main;
import jrocker.step02.cgroup.MemorySize;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step02.container.EnterCgroupNamespace;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    /** {@code run ARGS}, parsed as the CLI parses it. */
    static RunCommand.RunSpec parse(String... args) {
        RunCommand run = new RunCommand(Main.STEP);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return run.runSpec();
    }

    @Test
    void aBadLimitIsAOneLineErrorBeforeAnythingHappens() {
        StringWriter err = new StringWriter();
        RecordingSyscalls syscalls = new RecordingSyscalls();
        CommandLine commandLine = Cli.commandLine(Main.STEP.withSyscalls(syscalls));
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("run", "--memory", "1x", "true");

        assertEquals(125, exit);
        assertEquals("jrocker: invalid memory size \"1x\": use a number with an optional unit b, k, m or g, e.g. 64m",
                err.toString().strip());
        assertEquals(List.of(), syscalls.calls());
    }

    @Test
    void limitsAreParsedFromDockersFlags() {
        RunCommand.RunSpec run = parse("-m", "64m", "--cpus", "1", "--cpu-shares", "512", "--pids-limit", "20", "sh", "-m", "1x");

        assertEquals(64L << 20, run.limits().memoryBytes().getAsLong());
        assertEquals(20L, run.limits().pidsMax().getAsLong());
        assertEquals(List.of("sh", "-m", "1x"), run.command(), "flags after COMMAND belong to COMMAND");
    }

    @Test
    void theCgroupNamespaceIsEnteredByTheInitAfterItJoinedItsCgroup() {
        assertFalse(RunCommand.NAMESPACES.contains(Namespace.CGROUP));
        assertTrue(RunCommand.NAMESPACES.containsAll(List.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.NETWORK)));
        InitPlan plan = RunCommand.initPlan(parse("sh"), "box");
        assertEquals(List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname("box"), new Stages.MountProc()), plan.stages());
        assertEquals(List.of(new EnterCgroupNamespace()), plan.afterGo());
    }

    @Test
    void theHostPlanIsTheContainersCgroup() {
        ContainerCgroup cgroup = new ContainerCgroup(jrocker.step01.container.ContainerId.random(),
                parse("sh").limits());
        assertEquals(List.of(cgroup), RunCommand.hostPlan(cgroup));
    }

    @Test
    void helpShowsTheLimitFlagsAndStillTheExitCodes() {
        String help = Cli.commandLine(Main.STEP).getSubcommands().get("run").getUsageMessage();
        for (String text : List.of("--memory", "--cpus", "--cpu-shares", "--cpuset-cpus", "--pids-limit", "--hostname", "125", "137")) {
            assertTrue(help.contains(text), text + " in\n" + help);
        }
    }

    @Test
    void everyCommandOfStep02IsMadeForStep02() {
        CommandLine commandLine = Cli.commandLine(Main.STEP);
        assertEquals(Set.of("run", "doctor", "help"), commandLine.getSubcommands().keySet());
        assertEquals("jrocker step02-cgroups", commandLine.getCommandSpec().version()[0]);
    }

    @Test
    void step02DoctorAddsTheControllersToStep01sChecks() {
        assertEquals(jrocker.step01.cli.HostChecks.STEP01, CgroupChecks.STEP02.subList(0, jrocker.step01.cli.HostChecks.STEP01.size()));
        assertEquals(Main.STEP.doctorChecks(), CgroupChecks.STEP02);
        assertEquals(4, CgroupChecks.STEP02.size() - jrocker.step01.cli.HostChecks.STEP01.size());
    }

    @Test
    void oomMessagesSaySizesInWords() {
        assertEquals("16 MiB", MemorySize.describe(16L << 20));
        assertEquals("6291457 bytes", MemorySize.describe((6L << 20) + 1));
        assertEquals("1 GiB", MemorySize.describe(1L << 30));
        assertEquals("1536 MiB", MemorySize.describe(1536L << 20));
        assertEquals("4097 KiB", MemorySize.describe(4097L << 10));
        assertEquals("0 bytes", MemorySize.describe(0));
    }
}
