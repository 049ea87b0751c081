package jrocker.step04.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jrocker.step04.linux.RecordingPivotRootSyscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each stage of step04, alone against the recording double: the calls chapter 4 explains, in order. */
class SystemMountsTest {

    @Tag("pivot-root")
    @Test
    void bindPivotAndDetachEachDoTheirPart() {
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        new PivotRootStages.BindRootfs("/r").run(syscalls);
        new PivotRootStages.PivotRoot("/r").run(syscalls);
        new PivotRootStages.DetachOldRoot().run(syscalls);
        assertEquals(List.of(
                "mount(/r, /r, null, MS_BIND|MS_REC, null)",
                "mkdir(/r/.old-root, 0700)",
                "pivot_root(/r, /r/.old-root)",
                "chdir(/)",
                "umount2(/.old-root, MNT_DETACH)",
                "rmdir(/.old-root)"), syscalls.calls());
    }

    @Tag("mount-dev")
    @Test
    void devIsAFreshTmpfsWithOnlyTheHarmlessDevicesAPrivateDevptsAndTheUsualLinks() {
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        new SystemMounts.MountDev().run(syscalls);
        List<String> calls = syscalls.calls();
        assertEquals(List.of("mkdir(/dev, 0755)", "mount(tmpfs, /dev, tmpfs, MS_NOSUID, mode=755,size=65536k)"), calls.subList(0, 2));
        assertEquals(List.of(
                "mknod(/dev/null, S_IFCHR|0666, 1:3)",
                "mknod(/dev/zero, S_IFCHR|0666, 1:5)",
                "mknod(/dev/full, S_IFCHR|0666, 1:7)",
                "mknod(/dev/random, S_IFCHR|0666, 1:8)",
                "mknod(/dev/urandom, S_IFCHR|0666, 1:9)",
                "mknod(/dev/tty, S_IFCHR|0666, 5:0)"), calls.stream().filter(call -> call.startsWith("mknod")).toList(),
                "the memory devices and /dev/tty, nothing of the host's disks");
        assertTrue(calls.contains("mount(devpts, /dev/pts, devpts, MS_NOSUID|MS_NOEXEC, newinstance,ptmxmode=0666,mode=0620)"),
                "a devpts of its own: newinstance");
        assertTrue(calls.indexOf("mkdir(/dev/pts, 0755)") < calls.indexOf(
                "mount(devpts, /dev/pts, devpts, MS_NOSUID|MS_NOEXEC, newinstance,ptmxmode=0666,mode=0620)"));
        assertTrue(calls.contains("symlink(pts/ptmx, /dev/ptmx)"), calls.toString());
        assertTrue(calls.contains("mount(shm, /dev/shm, tmpfs, MS_NOSUID|MS_NODEV|MS_NOEXEC, mode=1777,size=65536k)"), calls.toString());
        for (String link : List.of("symlink(/proc/self/fd, /dev/fd)", "symlink(/proc/self/fd/0, /dev/stdin)",
                "symlink(/proc/self/fd/1, /dev/stdout)", "symlink(/proc/self/fd/2, /dev/stderr)")) {
            assertTrue(calls.contains(link), link + " in " + calls);
        }
    }

    @Tag("mask-proc")
    @Test
    void theHostsSecretsAreMaskedAndItsSettingsReadOnly() {
        RecordingPivotRootSyscalls syscalls = new RecordingPivotRootSyscalls();
        new SystemMounts.MaskProc().run(syscalls);
        List<String> calls = syscalls.calls();
        // What the lists must hold, whatever else they hold (docker's and runc's masks)
        assertTrue(SystemMounts.MASKED_FILES.containsAll(List.of("/proc/kcore", "/proc/keys", "/proc/timer_list")),
                SystemMounts.MASKED_FILES.toString());
        assertTrue(SystemMounts.MASKED_DIRECTORIES.containsAll(List.of("/proc/acpi", "/sys/firmware")),
                SystemMounts.MASKED_DIRECTORIES.toString());
        assertTrue(SystemMounts.READ_ONLY_PATHS.containsAll(List.of("/proc/sys", "/proc/sysrq-trigger")),
                SystemMounts.READ_ONLY_PATHS.toString());
        for (String file : SystemMounts.MASKED_FILES) {
            assertTrue(calls.contains("mount(/dev/null, " + file + ", null, MS_BIND, null)"), file + " in " + calls);
        }
        for (String directory : SystemMounts.MASKED_DIRECTORIES) {
            assertTrue(calls.contains("mount(tmpfs, " + directory + ", tmpfs, MS_RDONLY, size=0)"), directory + " in " + calls);
        }
        for (String path : SystemMounts.READ_ONLY_PATHS) {
            int bind = calls.indexOf("mount(" + path + ", " + path + ", null, MS_BIND|MS_REC, null)");
            int remount = calls.indexOf("mount(" + path + ", " + path + ", null,"
                    + " MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_REC, null)");
            assertTrue(bind >= 0 && remount == bind + 1, path + ": bound, then remounted read-only, in " + calls);
        }
    }
}
