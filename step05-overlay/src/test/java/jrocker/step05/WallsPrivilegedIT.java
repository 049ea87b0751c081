package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walls for real: from inside a default container, what a curious root tries in order to reach the host fails;
 * it works only with --privileged or the matching --cap-add. Every attempt is harmless if a wall is missing: the
 * clock is set to the time it has, a sysctl gets the value it has, the block device is only read.
 */
class WallsPrivilegedIT {
    /**
     * Each attempt prints NAME=ok when it worked and NAME=refused when it did not. The sysctl is the container's own
     * (its UTS namespace's hostname): harmless, but only writable through a /proc/sys that is not read-only.
     */
    private static final String ATTEMPTS = String.join("\n",
            "try() { name=$1; shift; if \"$@\" >/dev/null 2>&1; then echo $name=ok; else echo $name=refused; fi; }",
            "mkdir -p /mnt/t /cg",
            "try mount mount -t tmpfs none /mnt/t",
            "try umount-proc-sys umount /proc/sys",
            "try sysctl sh -c 'cat /proc/sys/kernel/hostname > /proc/sys/kernel/hostname'",
            // busybox date prints an error but exits 0 when it cannot set the clock
            "try date sh -c '! date -s \"$(date \"+%Y-%m-%d %H:%M:%S\")\" 2>&1 | grep -q \"can.t set\"'",
            "mknod /tmp/loop0 b 7 0 2>/dev/null",
            "try open-block-device head -c 1 /tmp/loop0",
            "try unshare-user unshare -U true",
            "try mount-cgroup mount -t cgroup -o pids cgroup /cg",
            "try release-agent sh -c 'ls /cg/release_agent || ls /sys/fs/cgroup/pids/release_agent'",
            "try write-cgroupfs sh -c 'echo $$ > /sys/fs/cgroup/pids/cgroup.procs'");

    @TempDir
    Path dataRoot;
    @TempDir
    Path work;
    CliProcess jrocker;

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("containers need namespaces, cgroups and mounts", Assumptions::abort);
    }

    @BeforeEach
    void privateDataRoot() {
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString());
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        assertEquals(List.of(), list(dataRoot.resolve("containers")), "no container is left");
    }

    private CliProcess.Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--rm"));
        command.addAll(List.of(args));
        return jrocker.run(command.toArray(new String[0]));
    }

    private Map<String, String> attempts(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("busybox", "sh", "-c", ATTEMPTS));
        CliProcess.Result result = run(args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> outcomes = new TreeMap<>();
        for (String line : result.stdout().strip().split("\n")) {
            String[] nameOutcome = line.split("=", 2);
            outcomes.put(nameOutcome[0], nameOutcome[1]);
        }
        return outcomes;
    }

    // tag::walls-it[]
    @Test
    void aDefaultContainerHasDockersFourteenCapabilitiesAndASeccompFilter() throws Exception {
        CliProcess.Result status = run("busybox", "grep", "-E", "CapEff|Seccomp:", "/proc/self/status");
        assertEquals("CapEff:\t00000000a80425fb\nSeccomp:\t2\n", status.stdout(), status.toString());
    }

    @Test
    void everyRouteToTheHostIsRefusedByDefault() throws Exception {
        Map<String, String> outcomes = attempts();
        for (String attempt : List.of("mount", "umount-proc-sys", "sysctl", "date", "open-block-device",
                "unshare-user", "mount-cgroup", "release-agent", "write-cgroupfs")) {
            assertEquals("refused", outcomes.get(attempt), attempt + " in " + outcomes);
        }
    }

    @Test
    void privilegedLiftsTheWallsButTheHostsRootCgroupStaysOutOfSight() throws Exception {
        Map<String, String> outcomes = attempts("--privileged");
        for (String attempt : List.of("mount", "umount-proc-sys", "sysctl", "date", "open-block-device",
                "unshare-user", "mount-cgroup", "write-cgroupfs")) {
            assertEquals("ok", outcomes.get(attempt), attempt + " in " + outcomes);
        }
        // Its own cgroup, in its own cgroup namespace: even a privileged mount shows no root release_agent.
        assertEquals("refused", outcomes.get("release-agent"), outcomes.toString());
    }
    // end::walls-it[]

    @Test
    void capAddLiftsExactlyTheWallOfThatCapability() throws Exception {
        Map<String, String> time = attempts("--cap-add", "sys_time");
        assertEquals("ok", time.get("date"), time.toString());
        assertEquals("refused", time.get("mount"), time.toString());
        Map<String, String> admin = attempts("--cap-add", "CAP_SYS_ADMIN");
        assertEquals("ok", admin.get("mount"), "seccomp allows mount to a container with CAP_SYS_ADMIN: " + admin);
        assertEquals("refused", admin.get("date"), admin.toString());
        assertEquals("refused", admin.get("open-block-device"), "the device rules stay: " + admin);
    }

    @Test
    void capDropAllLeavesRootWithNothing() throws Exception {
        CliProcess.Result result = run("--cap-drop", "ALL", "busybox", "sh", "-c",
                "grep -E 'CapEff|CapBnd' /proc/self/status; chown 1 /tmp 2>&1 || echo chown refused");
        assertEquals("CapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nchown refused\n",
                result.stdout().replaceAll("chown: .*\n", ""), result.toString());
    }

    @Test
    void userRunsAsThatUserWithNoCapabilitiesAndTheBoundingSetOfRoot() throws Exception {
        CliProcess.Result nobody = run("--user", "nobody", "busybox", "sh", "-c",
                "id; grep -E 'CapEff|CapBnd' /proc/self/status");
        assertEquals("uid=65534(nobody) gid=65534(nogroup)\nCapEff:\t0000000000000000\nCapBnd:\t00000000a80425fb\n",
                nobody.stdout(), nobody.toString());
        CliProcess.Result numeric = run("--user", "1000:1000", "busybox", "id");
        assertEquals("uid=1000 gid=1000\n", numeric.stdout(), numeric.toString());
    }

    @Test
    void theSeccompProbeGetsEpermForEachDeniedCallAndNotWhenUnconfined() throws Exception {
        Path probe = work.resolve("probe");
        Files.createDirectories(probe);
        compileProbe(probe.resolve("seccomp-probe"));
        CliProcess.Result confined = run("-v", probe + ":/probe:ro", "busybox", "/probe/seccomp-probe");
        assertEquals("keyctl=EPERM\nadd_key=EPERM\nbpf=EPERM\npersonality=EPERM\nptrace=EPERM\n", confined.stdout(),
                confined.toString());
        CliProcess.Result unconfined = run("--security-opt", "seccomp=unconfined", "-v", probe + ":/probe:ro",
                "busybox", "/probe/seccomp-probe");
        assertTrue(unconfined.stdout().contains("personality=ok\n") && unconfined.stdout().contains("ptrace=ok\n")
                && !unconfined.stdout().contains("keyctl=EPERM"), unconfined.toString());
    }

    @Test
    void aProfileInDockersFormatAndNoNewPrivilegesAreApplied() throws Exception {
        Path profile = work.resolve("no-mkdir.json");
        Files.writeString(profile, "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],"
                + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}");
        CliProcess.Result result = run("--security-opt", "seccomp=" + profile, "--security-opt", "no-new-privileges",
                "busybox", "sh", "-c", "grep -E 'NoNewPrivs|Seccomp:' /proc/self/status; mkdir /x 2>&1");
        assertEquals("NoNewPrivs:\t1\nSeccomp:\t2\nmkdir: can't create directory '/x': Operation not permitted\n",
                result.stdout(), result.toString());
    }

    @Test
    void theCgroupFileSystemIsReadOnlyAndMqueueIsMounted() throws Exception {
        CliProcess.Result mounts = run("busybox", "sh", "-c",
                "grep -E ' /sys/fs/cgroup | /dev/mqueue ' /proc/self/mounts | cut -d' ' -f2,3,4 | cut -d, -f1");
        assertEquals("/sys/fs/cgroup tmpfs ro\n/dev/mqueue mqueue rw\n", mounts.stdout(), mounts.toString());
        CliProcess.Result hierarchies = run("busybox", "sh", "-c", "grep ' /sys/fs/cgroup/' /proc/self/mounts");
        assertTrue(hierarchies.stdout().lines().count() >= 1, hierarchies.toString());
        assertTrue(hierarchies.stdout().lines().allMatch(line -> line.split(" ")[3].startsWith("ro,")),
                "every hierarchy read-only: " + hierarchies);
    }

    @Test
    void theContainerIsInItsOwnCgroupOfEveryHierarchyAndExecGetsItsWalls() throws Exception {
        CliProcess.Result started = jrocker.run("run", "-d", "--rm", "--user", "nobody", "busybox", "sleep", "60");
        assertEquals(0, started.exitCode(), started.toString());
        String id = started.stdout().strip();
        List<Path> hierarchies;
        try (var mounted = Files.list(Path.of("/sys/fs/cgroup"))) {
            hierarchies = mounted.filter(path -> Files.exists(path.resolve("cgroup.procs"))).toList();
        }
        try {
            var pidMatch = java.util.regex.Pattern.compile("\"Pid\"\\s*:\\s*(\\d+)").matcher(jrocker.run("inspect", id).stdout());
            assertTrue(pidMatch.find(), "inspect shows the container's PID");
            String pid = pidMatch.group(1);
            for (Path hierarchy : hierarchies) {
                assertTrue(Files.readString(hierarchy.resolve("jrocker").resolve(id).resolve("cgroup.procs")).lines()
                        .anyMatch(pid::equals), "container " + pid + " is in jrocker/ID of " + hierarchy);
            }
            CliProcess.Result exec = jrocker.run("exec", id, "sh", "-c", "id -u; grep -E 'CapBnd|Seccomp:' /proc/self/status");
            assertEquals("65534\nCapBnd:\t00000000a80425fb\nSeccomp:\t2\n", exec.stdout(), exec.toString());
            CliProcess.Result asRoot = jrocker.run("exec", "-u", "0", id, "grep", "CapEff", "/proc/self/status");
            assertEquals("CapEff:\t00000000a80425fb\n", asRoot.stdout(), asRoot.toString());
        } finally {
            jrocker.run("rm", "-f", id);
        }
        for (Path hierarchy : hierarchies) {
            assertTrue(!Files.exists(hierarchy.resolve("jrocker").resolve(id)), "rm removed its cgroup in " + hierarchy);
        }
    }

    @Test
    void badSecurityInputIsOneLineAndExitCode125AndLeavesNothing() throws Exception {
        Path invalid = work.resolve("invalid.json");
        Files.writeString(invalid, "{\"defaultAction\":\"SCMP_ACT_NOPE\"}");
        assertEquals(0, run("busybox", "true").exitCode(), "the busybox image is built, and says so, before the cases");
        Map<List<String>, String> cases = Map.of(
                List.of("--cap-add", "NOPE"), "jrocker: unknown capability: \"NOPE\"",
                List.of("--security-opt", "seccomp=" + work.resolve("missing.json")), "jrocker: cannot read the seccomp profile ",
                List.of("--security-opt", "seccomp=" + invalid), "jrocker: invalid seccomp profile ",
                List.of("--security-opt", "apparmor=x"), "jrocker: invalid --security-opt \"apparmor=x\"",
                List.of("--user", "nosuch"), "jrocker: unable to find user nosuch");
        for (var entry : cases.entrySet()) {
            List<String> args = new ArrayList<>(entry.getKey());
            args.addAll(List.of("busybox", "true"));
            CliProcess.Result result = run(args.toArray(new String[0]));
            assertEquals(125, result.exitCode(), result.toString());
            assertTrue(result.stderr().startsWith(entry.getValue()), result.toString());
            assertEquals(1, result.stderr().lines().count(), result.toString());
            assertEquals(List.of(), list(dataRoot.resolve("containers")), "nothing left by " + entry.getKey());
        }
    }

    private static void compileProbe(Path program) throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "resources", "seccomp-probe.c");
        Process gcc = new ProcessBuilder("gcc", "-static", "-O1", "-o", program.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertEquals(0, gcc.waitFor(), "gcc -static seccomp-probe.c (gcc and libc6-dev are needed): " + output);
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var entries = Files.list(directory)) {
            return entries.toList();
        }
    }
}
