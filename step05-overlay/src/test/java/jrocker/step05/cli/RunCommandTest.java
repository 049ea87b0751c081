package jrocker.step05.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jrocker.step01.cli.Cli;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitStage;
import jrocker.step01.container.Stages;
import jrocker.step02.container.EnterCgroupNamespace;
import jrocker.step03.cli.DataRootOption;
import jrocker.step04.container.PivotRootStages;
import jrocker.step04.container.SystemMounts;
import jrocker.step05.Main;
import jrocker.step05.container.BindVolume;
import jrocker.step05.container.MountPoints;
import jrocker.step05.container.ChangeDirectory;
import jrocker.step05.container.MountOverlay;
import jrocker.step05.image.ImageReference;
import jrocker.step05.terminal.AttachTerminal;
import jrocker.step05.walls.ApplyWalls;
import jrocker.step05.walls.MountCgroupFs;
import jrocker.step05.walls.SystemWalls;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** step05's run: its two modes, the checks before anything is made, and its init plan, written out. */
class RunCommandTest {

    static RunCommand.RunSpec parse(String... args) {
        RunCommand run = new RunCommand(Main.STEP, DataRootOption.of(Path.of("/data")));
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return run.runSpec();
    }

    /** docker's 14 capabilities as root, no seccomp program: what the plans are given as their last stage. */
    static final ApplyWalls WALLS = new ApplyWalls(false, 0xa80425fbL, 40, 0, 0, List.of(), false, "");

    /** After Go, in the container's cgroup namespace: its cgroups read-only at /sys/fs/cgroup, and /dev/mqueue. */
    static final List<InitStage<?>> CGROUP_AND_MQUEUE = List.of(new EnterCgroupNamespace(),
            MountCgroupFs.ofHost(jrocker.step01.linux.MountTable.current(), true), new SystemWalls.MountMqueue());

    @Test
    void withoutRootfsThePositionalsAreAnImageAndItsCommandAndTheNameIsReadOnce() {
        RunCommand.RunSpec run = parse("--rm", "busybox:1.36", "sh", "-c", "exit 3");
        RunMode.ImageMode image = assertInstanceOf(RunMode.ImageMode.class, run.mode());
        assertEquals("busybox:1.36", image.image());
        assertEquals(ImageReference.parse("busybox:1.36"), image.name());
        assertEquals(List.of("sh", "-c", "exit 3"), image.command());
        assertTrue(run.lifecycle().removeWhenDone());
    }

    @Test
    void withRootfsThePositionalsAreTheCommand() {
        RunCommand.RunSpec run = parse("--rootfs", "/", "sh", "-c", "exit 3");
        RunMode.RootfsMode rootfs = assertInstanceOf(RunMode.RootfsMode.class, run.mode());
        assertEquals(List.of("sh", "-c", "exit 3"), rootfs.command());
    }

    @Test
    void whatDoesNotFitTogetherIsAOneLineErrorBeforeAnythingIsMade() {
        RunCommand.RunSpec detachedTerminal = parse("-dit", "busybox");
        assertTrue(detachedTerminal.lifecycle().detach() && detachedTerminal.session().tty(),
                "-d with -t: its console holds the terminal, and attach reaches it");
        assertTrue(assertThrows(ContainerException.class, () -> parse("--rootfs", "/", "--name", "web", "sh")).getMessage()
                .startsWith("-d and --name need an image"));
        assertEquals(125, assertThrows(ContainerException.class, () -> parse("Busybox")).exitCode());
        assertTrue(assertThrows(ContainerException.class, () -> parse("-v", "relative:/data", "busybox")).getMessage()
                .contains("both paths must be absolute"));
        for (String kernel : List.of("/proc", "/proc/sys", "/sys", "/sys/fs/cgroup", "/dev", "/dev/shm", "//proc/", "/dev/./pts")) {
            ContainerException refused = assertThrows(ContainerException.class, () -> parse("-v", "/srv:" + kernel, "busybox"));
            assertEquals(125, refused.exitCode(), kernel);
            assertTrue(refused.getMessage().contains("choose a path outside /proc, /sys and /dev"), refused.getMessage());
        }
        for (String beside : List.of("/process", "/devices", "/system", "/data/proc")) {
            assertEquals(List.of(beside), parse("-v", "/srv:" + beside, "busybox").lifecycle().volumes().stream()
                    .map(volume -> volume.container()).toList(), "only /proc, /sys, /dev and below are refused");
        }
    }

    @Test
    void theImageModesInitMountsTheOverlayAndBindsVolumesBeforeItPivotsIntoTheRoot() {
        RunCommand.RunSpec run = parse("-it", "-v", "/srv/data:/data:ro", "busybox");
        MountOverlay overlay = new MountOverlay(List.of("/l2", "/l1"), "/c/upper", "/c/work", "/c/merged");
        InitPlan plan = RunCommand.initPlan(run, "box", Path.of("/c/merged"), Optional.of(overlay), "/app",
                new InitPlan.Command(List.of("sh"), List.of()), WALLS);

        List<InitStage<?>> expected = List.of(
                new Stages.MakeMountsPrivate(),
                new Stages.SetHostname("box"),
                overlay,
                new MountPoints.MakeKernelMountPoints("/c/merged"),
                new BindVolume("/srv/data", "/c/merged", "/data", true),
                new PivotRootStages.BindRootfs("/c/merged"),
                new PivotRootStages.PivotRoot("/c/merged"),
                new PivotRootStages.DetachOldRoot(),
                new Stages.MountProc(),
                new SystemMounts.MountSys(),
                new SystemMounts.MountDev(),
                new SystemMounts.MaskProc(),
                new ChangeDirectory("/app", true));
        assertEquals(expected, plan.stages(), "no TakeTerminal: -t gets a terminal of its own");
        List<InitStage<?>> afterGo = new java.util.ArrayList<>(CGROUP_AND_MQUEUE);
        afterGo.add(new AttachTerminal("/dev/pts/0"));
        afterGo.add(WALLS);
        assertEquals(afterGo, plan.afterGo(), "the walls last, right before exec");
    }

    @Test
    void theRootfsModesInitIsStep04sWithoutTheOverlay() {
        RunCommand.RunSpec run = parse("--rootfs", "/", "sh");
        InitPlan plan = RunCommand.initPlan(run, "box", Path.of("/r"), Optional.empty(), "",
                new InitPlan.Command(List.of("sh"), List.of()), WALLS);
        assertEquals(new MountPoints.MakeKernelMountPoints("/r"), plan.stages().get(2), "a --rootfs directory may lack them too");
        assertEquals(new PivotRootStages.BindRootfs("/r"), plan.stages().get(3));
        assertEquals(new SystemMounts.MaskProc(), plan.stages().get(plan.stages().size() - 1));
        List<InitStage<?>> afterGo = new java.util.ArrayList<>(CGROUP_AND_MQUEUE);
        afterGo.add(WALLS);
        assertEquals(afterGo, plan.afterGo());
    }

    @Test
    void privilegedLeavesSysAndTheCgroupsWritable() {
        RunCommand.RunSpec run = parse("--privileged", "--rootfs", "/", "sh");
        InitPlan plan = RunCommand.initPlan(run, "box", Path.of("/r"), Optional.empty(), "",
                new InitPlan.Command(List.of("sh"), List.of()), WALLS);
        assertEquals(List.of(new EnterCgroupNamespace(), MountCgroupFs.ofHost(jrocker.step01.linux.MountTable.current(), false),
                new SystemWalls.MountMqueue(), new SystemWalls.WritableSys(), WALLS), plan.afterGo());
    }

    @Test
    void pullIsAnOptionOfRunBeforeTheImageAndABadValueIsAOneLineError() {
        RunCommand run = new RunCommand(Main.STEP, DataRootOption.of(Path.of("/data")));
        new CommandLine(run).setStopAtPositional(true).parseArgs("--pull=always", "busybox", "--pull=never");
        assertEquals(PullPolicyOption.Policy.ALWAYS, run.pulling.policy());
        assertEquals(List.of("busybox", "--pull=never"), run.commandArguments.command(), "after IMAGE: the command's");
        RunCommand bad = new RunCommand(Main.STEP, DataRootOption.of(Path.of("/data")));
        new CommandLine(bad).setStopAtPositional(true).parseArgs("--pull=sometimes", "busybox");
        ContainerException e = assertThrows(ContainerException.class, () -> bad.pulling.policy());
        assertEquals("invalid --pull \"sometimes\": missing, always or never", e.getMessage());
    }

    @Test
    void everyCommandOfStep05IsMadeForStep05() {
        CommandLine commandLine = Cli.commandLine(Main.STEP);
        assertEquals(24, commandLine.getSubcommands().size(), commandLine.getSubcommands().keySet().toString());
        assertEquals("jrocker step05-overlay", commandLine.getCommandSpec().version()[0]);
    }
}
