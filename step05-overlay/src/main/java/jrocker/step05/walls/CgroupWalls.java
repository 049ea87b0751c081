package jrocker.step05.walls;

import java.nio.file.Path;
import java.util.List;
import jrocker.step01.linux.CgroupLayout;
import jrocker.step01.linux.MountTable;
import jrocker.step02.cgroup.Cgroup;
import jrocker.step02.cgroup.CgroupException;
import jrocker.step02.cgroup.CgroupFs;
import jrocker.step05.linux.CgroupDeviceProgram;

/**
 * The container's cgroup as a wall, not only as a meter: on the host, between the init's Ready and Go, after
 * step02 has placed the init in the cgroup its limits need.
 */
public final class CgroupWalls {
    private CgroupWalls() {
    }

    // tag::cgroup-walls[]
    /**
     * Put the init in {@code jrocker/<id>} of every cgroup hierarchy the host has, and, unless
     * {@code privileged}, let it use only docker's devices ({@link DeviceRules}): with v1's devices controller
     * where it is mounted, else with cgroup v2's device program ({@link DeviceProgram}).
     *
     * <p>Why every hierarchy: a process in the root cgroup of a v1 hierarchy that mounts that hierarchy sees the
     * root's {@code release_agent}, a program the kernel runs as host root when a cgroup empties (CVE-2022-0492).
     * In its own cgroup, behind a cgroup namespace, the container's mount shows only its own cgroup.
     */
    public static Cgroup enclose(String containerId, long initPid, boolean privileged) {
        CgroupLayout layout = CgroupLayout.detect();
        Cgroup placed = Cgroup.find(containerId, layout).orElseThrow(() -> new CgroupException(
                "the cgroup of container " + containerId + " is missing: it was removed while the container started"));
        Cgroup everywhere = placed.inEveryHierarchy(Cgroup.everyHierarchy(MountTable.current()));
        if (!privileged) {
            Path devices = layout.v1Mounts().get("devices");
            if (devices != null) {
                allowOnly(CgroupFs.kernel(), devices.resolve("jrocker").resolve(containerId), DeviceRules.DOCKER_DEFAULT);
            } else if (layout.unifiedMount().isPresent()) { // cgroup v2: no devices files, a BPF program
                CgroupDeviceProgram.attach(layout.unifiedMount().get().resolve("jrocker").resolve(containerId),
                        DeviceProgram.bytes(DeviceRules.DOCKER_DEFAULT));
            }
        }
        everywhere.addProcess(initPid);
        return everywhere;
    }
    // end::cgroup-walls[]

    // tag::devices-v1[]
    /**
     * cgroup v1's devices controller: deny everything ("a"), then allow each rule, one write per line (the kernel
     * reads one rule per write).
     */
    static void allowOnly(CgroupFs fs, Path directory, List<DeviceRules.Rule> rules) {
        fs.write(directory.resolve("devices.deny"), "a");
        for (DeviceRules.Rule rule : rules) {
            fs.write(directory.resolve("devices.allow"), rule.line());
        }
    }
    // end::devices-v1[]
}
