package jrocker.step04.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step01.container.InitProcess;
import jrocker.step01.container.InitStage;
import jrocker.step01.linux.Errno;
import jrocker.step01.linux.SyscallException;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step03.cli.Rootfs;
import jrocker.step03.cli.RunCommand.RunSpec;
import jrocker.step04.cli.RunCommand;
import jrocker.step04.linux.RecordingPivotRootSyscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of step04's init, against the recording double: no root, nothing touched. */
class StageOrderTest {

    /** step04's init plan for {@code run --rootfs DIR sh}, as its run writes it out. */
    private static List<InitStage<?>> stagesFor(Path rootfs) throws Exception {
        RunSpec run = new RunSpec(new NamespaceOptions.Settings(false, false, null), ResourceLimits.NONE,
                new Rootfs.Directory(rootfs.toRealPath()), List.of("sh"));
        return RunCommand.initPlan(run, "box", Optional.of(rootfs.toRealPath())).stages();
    }

    @Tag("pivot-root")
    @Tag("mount-dev")
    @Tag("mask-proc")
    @Test
    void privateThenBindThenPivotThenDetachThenTheSystemMounts(@TempDir Path rootfs) throws Exception {
        String root = rootfs.toRealPath().toString();
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();

        new InitProcess(syscalls).runStages(stagesFor(rootfs));

        List<String> calls = syscalls.calls();
        assertEquals(List.of(
                "mount(null, /, null, MS_REC|MS_PRIVATE, null)",
                "sethostname(box)",
                "mount(" + root + ", " + root + ", null, MS_BIND|MS_REC, null)",
                "mkdir(" + root + "/.old-root, 0700)",
                "pivot_root(" + root + ", " + root + "/.old-root)",
                "chdir(/)",
                "umount2(/.old-root, MNT_DETACH)",
                "rmdir(/.old-root)",
                "mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)",
                "mkdir(/sys, 0555)",
                "mount(sysfs, /sys, sysfs, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC, null)",
                "mkdir(/dev, 0755)",
                "mount(tmpfs, /dev, tmpfs, MS_NOSUID, mode=755,size=65536k)"), calls.subList(0, 13));
        assertTrue(calls.contains("mknod(/dev/null, S_IFCHR|0666, 1:3)"), calls.toString());
        assertTrue(calls.indexOf("mknod(/dev/null, S_IFCHR|0666, 1:3)")
                < calls.indexOf("mount(/dev/null, /proc/keys, null, MS_BIND, null)"), "/dev/null exists before it masks");
        assertTrue(calls.contains("mount(/proc/sys, /proc/sys, null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_REC, null)"),
                calls.toString());
        assertTrue(calls.stream().noneMatch(call -> call.startsWith("chroot")), "no chroot any more");
    }

    @Test
    void withoutRootfsTheInitIsStep02s() {
        RunSpec run = new RunSpec(new NamespaceOptions.Settings(true, true, null), ResourceLimits.NONE, new Rootfs.HostRoot(),
                List.of("sh"));
        var plan = RunCommand.initPlan(run, "box", Optional.empty());
        assertEquals(List.of(new jrocker.step01.container.Stages.MakeMountsPrivate(),
                new jrocker.step01.container.Stages.SetHostname("box"), new jrocker.step01.container.Stages.MountProc(),
                new jrocker.step01.container.Stages.TakeTerminal()), plan.stages());
        assertEquals(List.of(new jrocker.step02.container.EnterCgroupNamespace()), plan.afterGo());
    }

    @Tag("mask-proc")
    @Test
    void aMissingMaskedPathIsSkippedButOtherErrorsStopTheInit() {
        RecordingPivotRootSyscalls missing = new RecordingPivotRootSyscalls();
        missing.failOn("mount(/dev/null, /proc/kcore", Errno.ENOENT);
        new SystemMounts.MaskProc().run(missing);
        assertTrue(missing.calls().contains("mount(/dev/null, /proc/keys, null, MS_BIND, null)"), "went on after ENOENT");

        RecordingPivotRootSyscalls refused = new RecordingPivotRootSyscalls();
        refused.failOn("mount(/dev/null, /proc/kcore", Errno.EPERM);
        org.junit.jupiter.api.Assertions.assertThrows(SyscallException.class, () -> new SystemMounts.MaskProc().run(refused));
    }

    @Tag("pivot-root")
    @Test
    void pivotRootsEinvalExplainsTheUsualCauses() {
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        syscalls.failOn("pivot_root", Errno.EINVAL);
        SyscallException failure = org.junit.jupiter.api.Assertions.assertThrows(SyscallException.class,
                () -> new PivotRootStages.PivotRoot("/r").run(syscalls));
        assertEquals("pivot_root(/r, /r/.old-root) failed (the host's root may be an initramfs, where pivot_root cannot"
                + " work, or a mount is still shared): EINVAL (Invalid argument)", failure.getMessage());
    }
}
