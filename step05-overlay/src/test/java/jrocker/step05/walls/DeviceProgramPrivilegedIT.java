package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.testing.Privileges;
import jrocker.step05.linux.CgroupDeviceProgram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The cgroup v2 device program, loaded and attached for real to a cgroup2 directory of this host. */
class DeviceProgramPrivilegedIT {
    @Test
    void onceAttachedAProcessInTheCgroupMayOpenDevNullButNotADisk() throws Exception {
        Privileges.requireRoot("bpf(2) and cgroups need root", Assumptions::abort);
        Path unified = CgroupLayout.detect().unifiedMount().orElseThrow();
        Path cgroup = unified.resolve("jrocker-device-program-" + ProcessHandle.current().pid());
        // In the build directory: a temporary directory may be on a nodev file system, where no device opens.
        Path devices = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "devices");
        Path loop = devices.resolve("loop0");
        Process mknod = new ProcessBuilder("mknod", loop.toString(), "b", "7", "0").inheritIO().start();
        assertEquals(0, mknod.waitFor(), "mknod b 7:0");
        Files.createDirectory(cgroup);
        try {
            assertEquals("null=ok\ndisk=ok\n", tryDevices(cgroup, loop), "without the program, root opens the disk");
            CgroupDeviceProgram.attach(cgroup, DeviceProgram.bytes(DeviceRules.DOCKER_DEFAULT));
            assertEquals("null=ok\ndisk=refused\n", tryDevices(cgroup, loop));
        } finally {
            Files.delete(cgroup); // rmdir: the shells have exited; the program goes with the cgroup
            Files.delete(loop);
            Files.delete(devices);
        }
    }

    /** A shell that moves itself into {@code cgroup}, then opens /dev/null and {@code disk}. */
    private static String tryDevices(Path cgroup, Path disk) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs")
                + "; echo x > /dev/null && echo null=ok; head -c 1 " + disk + " >/dev/null 2>&1 && echo disk=ok || echo disk=refused")
                .redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes());
        assertEquals(0, shell.waitFor(), output);
        return output;
    }
}
