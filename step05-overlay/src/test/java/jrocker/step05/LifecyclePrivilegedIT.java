package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import jrocker.step01.testing.CliProcess;
import jrocker.step01.testing.Privileges;
import jrocker.step02.cgroup.LeftoverCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container lifecycle for real: run -d, ps, logs, exec, stop, kill, rm, inspect, and what survives a kill -9. */
class LifecyclePrivilegedIT {
    @TempDir
    Path dataRoot;
    CliProcess jrocker;

    @BeforeAll
    static void needsRoot() {
        Privileges.requireRoot("containers need namespaces, cgroups and mounts", Assumptions::abort);
    }

    @BeforeEach
    void privateDataRoot() {
        jrocker = new CliProcess(Main.class).env("JROCKER_DATA_ROOT", dataRoot.toString());
    }

    /** Whatever a test left running goes, and nothing of any container may be left: cgroup, process, name. */
    @AfterEach
    void nothingLeftBehind() throws Exception {
        CliProcess.Result ids = jrocker.run("ps", "-aq");
        if (!ids.stdout().isBlank()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(ids.stdout().strip().split("\n")));
            jrocker.run(rm.toArray(new String[0]));
        }
        assertEquals(List.of(), list(dataRoot.resolve("containers")), "no container directory is left");
        assertEquals(List.of(), list(dataRoot.resolve("names")), "no name is left");
        for (String id : idsSeen) {
            // A monitor may still be finishing (its reaper JVM runs for a moment after the container ended).
            Instant deadline = Instant.now().plusSeconds(60);
            while (!(cgroupsOf(id).isEmpty() && processesMentioning(id).isEmpty()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), cgroupsOf(id), "the cgroup of " + id + " is removed");
            assertEquals(List.of(), processesMentioning(id), "no monitor of " + id + " is left");
        }
    }

    private final Set<String> idsSeen = new HashSet<>();

    private String runDetached(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "-d"));
        command.addAll(List.of(args));
        CliProcess.Result result = jrocker.run(command.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.toString());
        String id = result.stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), "run -d prints the full ID: " + result);
        idsSeen.add(id);
        return id;
    }

    // tag::lifecycle[]
    @Test
    void aDetachedContainerLivesOnAndIsListedLoggedEnteredStoppedAndRemoved() throws Exception {
        String id = runDetached("--name", "web", "-e", "GREETING=hello", "busybox",
                "sh", "-c", "echo $GREETING from $(hostname); sleep 1000");

        CliProcess.Result ps = jrocker.run("ps");
        assertTrue(ps.stdout().startsWith("CONTAINER ID   IMAGE     COMMAND"), ps.toString());
        assertTrue(ps.stdout().contains(id.substring(0, 12) + "   busybox   \"sh -c echo $GREETIN…\""), ps.toString());
        assertTrue(ps.stdout().matches("(?s).*   Up [^\n]*   web\n"), ps.toString());

        awaitLog("web", "hello from " + id.substring(0, 12) + "\n");

        CliProcess.Result exec = jrocker.run("exec", "web", "sh", "-c",
                "echo $GREETING; hostname; cat /proc/1/comm; grep -vc ':/$' /proc/self/cgroup; exit 5");
        assertEquals(5, exec.exitCode(), "exec exits with the command's status: " + exec);
        String[] lines = exec.stdout().split("\n");
        assertEquals("hello", lines[0], "the container's environment: " + exec);
        assertEquals(id.substring(0, 12), lines[1], "its UTS namespace: " + exec);
        assertEquals("sleep", lines[2], "its PID namespace and /proc, where PID 1 is the container's: " + exec);
        assertEquals("0", lines[3], "every line of /proc/self/cgroup is the root of its cgroup namespace: " + exec);

        Instant beforeStop = Instant.now();
        CliProcess.Result stop = jrocker.run("stop", "-t", "1", "web");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertEquals("web\n", stop.stdout());
        assertTrue(Duration.between(beforeStop, Instant.now()).toMillis() >= 1000,
                "sleep as PID 1 ignores SIGTERM: stop waited the grace period, then killed it");
        assertTrue(jrocker.run("ps").stdout().lines().count() == 1, "ps without -a lists only running containers");
        assertTrue(jrocker.run("ps", "-a").stdout().contains("Exited (137) "), "SIGKILL is 128+9");
        assertEquals(0, jrocker.run("stop", "web").exitCode(), "stopping a stopped container is not an error");

        CliProcess.Result inspect = jrocker.run("inspect", "web");
        assertTrue(inspect.stdout().contains("\"Status\": \"exited\""), inspect.toString());
        assertTrue(inspect.stdout().contains("\"ExitCode\": 137"), inspect.toString());
        assertTrue(inspect.stdout().contains("\"Id\": \"" + id + "\""), inspect.toString());

        CliProcess.Result rm = jrocker.run("rm", "web");
        assertEquals(0, rm.exitCode(), rm.toString());
        assertFalse(Files.exists(dataRoot.resolve("containers").resolve(id)), "rm removes the container's directory");
        assertEquals(1, jrocker.run("inspect", "web").exitCode(), "and its name");
    }
    // end::lifecycle[]

    @Test
    void aPid1ThatHandlesSigtermStopsRightAwayWithItsOwnStatus() throws Exception {
        runDetached("--name", "polite", "busybox", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done");
        Instant before = Instant.now();
        assertEquals(0, jrocker.run("stop", "-t", "20", "polite").exitCode());
        assertTrue(Duration.between(before, Instant.now()).toSeconds() < 10, "no need to wait for the grace period");
        assertTrue(jrocker.run("ps", "-a").stdout().contains("Exited (0) "), "it exited on its own");
    }

    @Test
    void twentyParallelDetachedRunsGiveTwentyContainersAllListedAndAllRemovable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            jrocker.run("run", "--rm", "busybox", "true"); // build the busybox image once, first
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                started.add(pool.submit(() -> runDetached("busybox", "sleep", "1000")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> id : started) {
                ids.add(id.get());
            }
            assertEquals(20, ids.size(), "20 distinct IDs");
            List<String> listed = jrocker.run("ps", "-q").stdout().lines().toList();
            assertEquals(20, listed.size(), "all 20 run: " + listed);
            Set<String> names = new HashSet<>();
            jrocker.run("ps").stdout().lines().skip(1).forEach(line -> names.add(line.substring(line.lastIndexOf(' ') + 1)));
            assertEquals(20, names.size(), "20 distinct names: " + names);
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(listed);
            CliProcess.Result removed = jrocker.run(rm.toArray(new String[0]));
            assertEquals(0, removed.exitCode(), removed.toString());
            assertEquals("", jrocker.run("ps", "-aq").stdout(), "all removed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void killNineOfAForegroundRunLeavesAContainerThatPsReportsAndRmForceCleansUp() throws Exception {
        Process run = jrocker.start("run", "--name", "orphan", "busybox", "sleep", "1000");
        String id = awaitRunning("orphan");
        run.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup by jrocker
        assertTrue(jrocker.run("ps").stdout().contains("   orphan\n"), "the container still runs, and ps says so");
        assertFalse(processesMentioning(id).isEmpty(), "its monitor is still there");

        CliProcess.Result rm = jrocker.run("rm", "orphan");
        assertEquals(1, rm.exitCode(), "a running container needs -f: " + rm);
        assertEquals("jrocker: cannot remove container orphan: it is running; stop it first (jrocker stop orphan),"
                + " or use rm -f\n", rm.stderr());
        assertEquals(0, jrocker.run("rm", "-f", "orphan").exitCode());
        // nothingLeftBehind checks the cgroup, the processes and the directories
    }

    // tag::monitor-child-killed[]
    @Test
    void whenTheMonitorsChildIsKilledPid1IsStillUpAndStopAndRmForceEndIt() throws Exception {
        String first = runDetached("--name", "ticker", "busybox", "sh", "-c", "while true; do echo tick; sleep 1; done");
        long pid1 = killMonitorsChild(first);
        Thread.sleep(3000); // the monitor has written its child's 137 and run its reaper by now
        assertTrue(alive(pid1), "PID 1 lives on, re-parented");
        assertTrue(jrocker.run("ps").stdout().matches("(?s).*   Up [^\n]*   ticker\n"), "ps says it runs, as it does");

        CliProcess.Result stop = jrocker.run("stop", "-t", "1", "ticker");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertFalse(alive(pid1), "stop ended PID 1");
        assertTrue(jrocker.run("ps", "-a").stdout().contains("Exited (137) "), "stop recorded the end: SIGKILL");
        assertEquals(List.of(), cgroupsOf(first), "and removed the cgroup, as the monitor would have");

        String second = runDetached("--name", "ticker2", "busybox", "sh", "-c", "sleep 1000 & while true; do sleep 1; done");
        long secondPid1 = killMonitorsChild(second);
        Instant before = Instant.now();
        CliProcess.Result rm = jrocker.run("rm", "-f", "ticker2");
        long millis = Duration.between(before, Instant.now()).toMillis();
        assertEquals(0, rm.exitCode(), rm.toString());
        assertEquals("", rm.stderr());
        assertTrue(millis < 10_000, "rm -f is done within its timeout: " + millis + " ms");
        assertFalse(alive(secondPid1), "no process of the container is left");
        assertEquals(List.of(), cgroupsOf(second), "an empty cgroup is one that could be removed");
        // nothingLeftBehind checks the directories, names and monitors
    }
    // end::monitor-child-killed[]

    // tag::kill-moments[]
    @Test
    void aForegroundRunKilledAtAnyMomentOfItsStartLeavesNothingThatRmForceCannotRemove() throws Exception {
        assertEquals(0, jrocker.run("run", "--rm", "busybox", "true").exitCode(), "the busybox image, built once first");
        List<String> tmpBefore = jrockerEntriesIn(Path.of(System.getProperty("java.io.tmpdir")));
        LeftoverCgroups cgroupsBefore = LeftoverCgroups.now();
        List<String> mountsBefore = mountsUnder(dataRoot);
        for (int moment = 0; moment < 12; moment++) {
            long millis = 50 + moment * (900 - 50) / 11; // 50 ms to 900 ms after the start
            Process run = jrocker.start("run", "--name", "moment", "busybox", "sleep", "1000");
            Thread.sleep(millis);
            run.destroyForcibly().waitFor(); // SIGKILL: jrocker cleans up nothing

            CliProcess.Result rm = jrocker.run("rm", "-f", "moment");
            String at = "killed " + millis + " ms after the start: ";
            assertTrue(rm.exitCode() == 0 || rm.stderr().equals("jrocker: no such container: moment\n"), at + rm);
            CliProcess.Result again = jrocker.run("run", "--rm", "--name", "moment", "busybox", "true");
            assertEquals(0, again.exitCode(), at + "the name is free again: " + again);
            assertEquals(tmpBefore, jrockerEntriesIn(Path.of(System.getProperty("java.io.tmpdir"))), at + "nothing in /tmp");
            assertEquals("", jrocker.run("ps", "-aq").stdout(), at + "no container is left");
            awaitNoNewCgroup(cgroupsBefore, at);
            assertEquals(mountsBefore, mountsUnder(dataRoot), at + "no mount is left");
        }
    }
    // end::kill-moments[]

    private static List<String> jrockerEntriesIn(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.contains("jrocker")).sorted().toList();
        }
    }

    /** The monitor of a killed run may still be finishing for a moment (its init exits once jrocker is gone). */
    private static void awaitNoNewCgroup(LeftoverCgroups before, String at) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!before.appeared().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), before.appeared(), at + "no cgroup is left");
    }

    private static List<String> mountsUnder(Path directory) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains(directory.toString())).toList();
    }

    /**
     * True while {@code pid} runs. A killed process whose parent died is re-parented to the host's init, which
     * reaps it when it gets to it: until then it is a zombie, dead but listed.
     */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * kill -9 the process between the container's monitor and its PID 1 ({@code busybox unshare --fork}), as a
     * user or the OOM killer could. Returns PID 1's host PID.
     */
    private long killMonitorsChild(String id) throws Exception {
        String state = Files.readString(dataRoot.resolve("containers").resolve(id).resolve("state.json"));
        long monitor = Long.parseLong(state.replaceAll("(?s).*\"monitorPid\":([0-9]+).*", "$1"));
        long pid1 = Long.parseLong(state.replaceAll("(?s).*\"pid\":([0-9]+).*", "$1"));
        ProcessHandle unshare = ProcessHandle.of(monitor).orElseThrow().children().findFirst().orElseThrow();
        assertTrue(unshare.info().arguments().map(args -> args.length > 0 && args[0].equals("unshare")).orElse(false),
                "the monitor's child is busybox unshare: " + unshare.info());
        assertTrue(unshare.destroyForcibly());
        unshare.onExit().get();
        return pid1;
    }

    @Test
    void whenTheRunThatStartedItIsGoneTheMonitorRecordsTheExitAndRemovesTheCgroup() throws Exception {
        Process run = jrocker.start("run", "--name", "later", "busybox", "sh", "-c", "sleep 2; exit 3");
        String id = awaitRunning("later");
        run.destroyForcibly().waitFor();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!jrocker.run("ps", "-a").stdout().contains("Exited (3) ") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertTrue(jrocker.run("ps", "-a").stdout().contains("Exited (3) "), "the monitor recorded exit status 3");
        deadline = Instant.now().plusSeconds(20);
        while (!cgroupsOf(id).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(List.of(), cgroupsOf(id), "the monitor's reaper removed the cgroup");
        // the reaper writes the state after it removed the cgroup (it reads the OOM counter there first)
        Path state = dataRoot.resolve("containers").resolve(id).resolve("state.json");
        deadline = Instant.now().plusSeconds(20);
        while (!Files.readString(state).contains("\"exitCode\":3") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(state).contains("\"exitCode\":3"), "and wrote the end down");
    }

    @Test
    void runRmDetachedRemovesTheContainerWhenItExitsButNeverItsVolume() throws Exception {
        Path volume = dataRoot.resolve("volume");
        String id = runDetached("--rm", "-v", volume + ":/data", "busybox", "sh", "-c", "echo kept > /data/file");
        Instant deadline = Instant.now().plusSeconds(20);
        while (Files.exists(dataRoot.resolve("containers").resolve(id)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(dataRoot.resolve("containers").resolve(id)), "--rm: gone once it exited");
        assertEquals("kept\n", Files.readString(volume.resolve("file")), "the volume is never removed");
    }

    @Test
    void dashTGivesTheContainerAndAnExecTheirOwnTerminals() throws Exception {
        jrocker.run("run", "--rm", "busybox", "true"); // the busybox image, built before the terminal is watched
        // script(1) runs jrocker on a terminal of its own, as a user's shell would.
        String jar = Path.of("target", "jrocker.jar").toAbsolutePath().toString();
        String jrockerCommand = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + jar + " " + Main.class.getName();
        ProcessBuilder run = new ProcessBuilder("script", "-qec", jrockerCommand
                + " run -t --rm busybox sh -c 'tty; [ -t 0 ] && echo stdin is a terminal'", "/dev/null");
        run.environment().put("JROCKER_DATA_ROOT", dataRoot.toString());
        run.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertEquals("/dev/pts/0\nstdin is a terminal\n", output.replace("\r", ""),
                "the container's own pty (not the host's): " + output);

        runDetached("--name", "shell", "busybox", "sleep", "1000");
        ProcessBuilder exec = new ProcessBuilder("script", "-qec", jrockerCommand + " exec -t shell tty", "/dev/null");
        exec.environment().put("JROCKER_DATA_ROOT", dataRoot.toString());
        exec.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process execProcess = exec.start();
        String execOutput = new String(execProcess.getInputStream().readAllBytes());
        assertEquals(0, execProcess.waitFor(), execOutput);
        // The next free pty of the container's own devpts: "shell" has none open (it runs without -t), so the first.
        assertEquals("/dev/pts/0\n", execOutput.replace("\r", ""), "exec -t gets a pty in the container's devpts: " + execOutput);

        CliProcess.Result noTerminal = jrocker.run("exec", "-t", "shell", "tty");
        assertEquals(125, noTerminal.exitCode(), noTerminal.toString());
        assertEquals("jrocker: the input device is not a TTY: drop -t, or run from a terminal\n", noTerminal.stderr());
    }

    @Test
    void environmentAndWorkingDirectoryFlagsReachTheCommand() throws Exception {
        CliProcess.Result result = jrocker.run("run", "--rm", "-e", "A=1", "-e", "HOME=/tmp", "-w", "/work/here",
                "busybox", "sh", "-c", "echo $A $HOME; pwd");
        assertEquals("1 /tmp\n/work/here\n", result.stdout(), result.toString());
    }

    @Test
    void logsFollowPrintsOutputUntilTheContainerExits() throws Exception {
        runDetached("--name", "counter", "busybox", "sh", "-c", "for i in 1 2 3; do echo $i; sleep 0.3; done");
        CliProcess.Result logs = jrocker.run("logs", "-f", "counter");
        assertEquals("1\n2\n3\n", logs.stdout(), logs.toString());
    }

    @Test
    void badInputGetsOneLineAndTheDocumentedExitCode() throws Exception {
        for (String command : List.of("logs", "stop", "rm", "inspect", "kill")) {
            CliProcess.Result result = jrocker.run(command, "nosuch");
            assertEquals(1, result.exitCode(), command + ": " + result);
            assertTrue(result.stderr().startsWith("jrocker: no such container: nosuch"), command + ": " + result);
            assertEquals(1, result.stderr().lines().count(), command + ": " + result);
        }
        CliProcess.Result exec = jrocker.run("exec", "nosuch", "true");
        assertEquals(1, exec.exitCode(), exec.toString());

        runDetached("--name", "taken", "busybox", "true");
        CliProcess.Result sameName = jrocker.run("run", "--name", "taken", "busybox", "true");
        assertEquals(125, sameName.exitCode(), sameName.toString());
        assertTrue(sameName.stderr().startsWith("jrocker: the name \"taken\" is already in use by container "), sameName.toString());
        assertEquals(1, list(dataRoot.resolve("containers")).size(), "the refused run left nothing");

        jrocker.run("stop", "taken");
        awaitExited("taken");
        CliProcess.Result execStopped = jrocker.run("exec", "taken", "true");
        assertEquals(1, execStopped.exitCode(), execStopped.toString());
        assertTrue(execStopped.stderr().startsWith("jrocker: container taken is not running"), execStopped.toString());
        assertEquals(1, jrocker.run("kill", "taken").exitCode(), "kill of a stopped container is an error");

        assertEquals(125, jrocker.run("run", "--name", "bad/name", "busybox", "true").exitCode());
        assertEquals(125, jrocker.run("kill", "-s", "NOPE", "taken").exitCode());
        CliProcess.Result missing = jrocker.run("run", "--name", "typo", "busybox", "nosuchcommand");
        assertEquals(127, missing.exitCode(), missing.toString());
        assertEquals(1, list(dataRoot.resolve("containers")).size(), "a container that never started is not kept");
    }

    // tag::start[]
    @Test
    void startRunsAStoppedContainerAgainWithItsFilesNameAndSettings() throws Exception {
        CliProcess.Result run = jrocker.run("run", "--name", "again", "-e", "WHO=me", "-m", "64m", "busybox", "sh", "-c",
                "echo $WHO; cat /runs 2>/dev/null; echo run >> /runs; cat /sys/fs/cgroup/memory.max"
                        + " /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null; exit 3");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals("me\n67108864\n", run.stdout(), "first run: no /runs yet: " + run);

        CliProcess.Result attached = jrocker.run("start", "-a", "again");
        assertEquals(3, attached.exitCode(), "start -a exits with the container's status: " + attached);
        assertEquals("me\nrun\n67108864\n", attached.stdout(),
                "its environment, its own layer (the file the first run wrote) and its memory limit: " + attached);

        CliProcess.Result detached = jrocker.run("start", "again");
        assertEquals(0, detached.exitCode(), detached.toString());
        assertEquals("again\n", detached.stdout(), "start prints the name it was given: " + detached);
        awaitExited("again");
        assertTrue(jrocker.run("ps", "-a").stdout().contains("Exited (3) "), "it ran, and exited with 3 again");
        CliProcess.Result third = jrocker.run("start", "-a", "again");
        assertTrue(third.stdout().startsWith("me\nrun\nrun\nrun\n"), "three runs before this one wrote /runs: " + third);
        assertEquals(1, list(dataRoot.resolve("containers")).size(), "one container, started four times");
    }
    // end::start[]

    @Test
    void startLeavesARunningContainerAsItIsAndRefusesWhatItCannotDo() throws Exception {
        String id = runDetached("--name", "busy", "busybox", "sleep", "1000");
        String pid = Files.readString(dataRoot.resolve("containers").resolve(id).resolve("state.json"));
        CliProcess.Result start = jrocker.run("start", "busy");
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals("busy\n", start.stdout(), "a running container: its name, as docker prints it");
        assertEquals(pid, Files.readString(dataRoot.resolve("containers").resolve(id).resolve("state.json")),
                "and nothing else happened to it");

        CliProcess.Result two = jrocker.run("start", "-a", "busy", "busy");
        assertEquals(125, two.exitCode(), two.toString());
        assertEquals("jrocker: you cannot start and attach multiple containers at once\n", two.stderr());
        CliProcess.Result unknown = jrocker.run("start", "nosuch");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertEquals("jrocker: no such container: nosuch\n", unknown.stderr());
    }

    // tag::logs[]
    @Test
    void aForegroundContainersOutputIsInItsLogWithStreamAndTime() throws Exception {
        jrocker.run("run", "--rm", "busybox", "true"); // the busybox image, built before its message could mix in
        CliProcess.Result run = jrocker.run("run", "--name", "fg", "busybox", "sh", "-c",
                "echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2"); // apart: two pipes have no order
        assertEquals("out1\nout2\n", run.stdout(), run.toString());
        assertEquals("err1\n", run.stderr(), run.toString());

        CliProcess.Result logs = jrocker.run("logs", "fg");
        assertEquals(0, logs.exitCode(), logs.toString());
        assertEquals("out1\nout2\n", logs.stdout(), "each line back to the stream it was written to: " + logs);
        assertEquals("err1\n", logs.stderr(), logs.toString());
        String id = jrocker.run("inspect", "fg").stdout().replaceAll("(?s).*\"Id\": \"([0-9a-f]{64})\".*", "$1");
        for (String record : Files.readAllLines(dataRoot.resolve("containers").resolve(id).resolve("container.log"))) {
            assertTrue(record.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (stdout|stderr) F (out|err)\\d"), record);
        }

        assertEquals("out2\n", jrocker.run("logs", "--tail", "1", "fg").stdout(), "the last line");
        CliProcess.Result lastTwo = jrocker.run("logs", "-n", "2", "fg");
        assertEquals("out2\n", lastTwo.stdout(), lastTwo.toString());
        assertEquals("err1\n", lastTwo.stderr(), lastTwo.toString());
        assertEquals("out1\nout2\n", jrocker.run("logs", "--tail", "all", "fg").stdout());
        CliProcess.Result stamped = jrocker.run("logs", "-t", "fg");
        assertTrue(stamped.stdout().matches("(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z out\\d\n){2}"), stamped.toString());
        assertEquals("out1\nout2\n", jrocker.run("logs", "--since", "10m", "fg").stdout());
        String later = Instant.now().plusSeconds(2).toString();
        assertEquals("", jrocker.run("logs", "--since", later, "fg").stdout(), "nothing was written after " + later);
        String earlier = Instant.now().minusSeconds(600).toString();
        assertEquals("out1\nout2\n", jrocker.run("logs", "--since", earlier, "fg").stdout());

        Instant out1 = Instant.parse(stamped.stdout().substring(0, stamped.stdout().indexOf(' ')));
        String between = out1.plusMillis(100).toString(); // err1 came 0.2 s after out1, out2 0.4 s after
        CliProcess.Result untilBetween = jrocker.run("logs", "--until", between, "fg");
        assertEquals("out1\n", untilBetween.stdout(), untilBetween.toString());
        assertEquals("", untilBetween.stderr(), untilBetween.toString());
        assertEquals("", jrocker.run("logs", "--until", "10m", "fg").stdout(), "nothing was written before ten minutes ago");
        assertEquals("out2\n", jrocker.run("logs", "--since", out1.plusMillis(300).toString(), "--until", "0s", "fg").stdout());
        CliProcess.Result badUntil = jrocker.run("logs", "--until", "soon", "fg");
        assertEquals(125, badUntil.exitCode(), badUntil.toString());
        assertTrue(badUntil.stderr().startsWith("jrocker: invalid value for \"until\": "), badUntil.toString());

        CliProcess.Result badSince = jrocker.run("logs", "--since", "yesterday", "fg");
        assertEquals(125, badSince.exitCode(), badSince.toString());
        assertEquals("jrocker: invalid value for \"since\": failed to parse value as time or duration: \"yesterday\"\n",
                badSince.stderr());
        CliProcess.Result badTail = jrocker.run("logs", "--tail", "-3", "fg");
        assertEquals(125, badTail.exitCode(), badTail.toString());
        assertEquals(1, badTail.stderr().lines().count(), badTail.toString());

        assertEquals(0, jrocker.run("start", "fg").exitCode(), "started again, detached: the console writes the log");
        awaitExited("fg");
        awaitLog("fg", "out1\nout2\nout1\nout2\n");
    }
    // end::logs[]

    // tag::attach[]
    @Test
    void attachShowsTheOutputSendsInputAndEndsWithTheContainersStatus() throws Exception {
        runDetached("-i", "--name", "talk", "busybox", "sh", "-c",
                "echo ready; while read line; do echo \"got $line\"; echo \"err $line\" >&2; [ \"$line\" = bye ] && exit 7; done");
        awaitLog("talk", "ready\n");
        Process attach = jrocker.start("attach", "talk");
        attaches.add(attach);
        StringBuffer out = collect(attach.getInputStream());
        StringBuffer err = collect(attach.getErrorStream());
        // No wait for attach to connect: it sends its input after it has said it attaches, so the container's
        // answer comes after the console counts attach among its attachers.
        attach.getOutputStream().write("hello\n".getBytes());
        attach.getOutputStream().flush();
        awaitText(out, "got hello\n");
        attach.getOutputStream().write("bye\n".getBytes());
        attach.getOutputStream().flush();
        assertTrue(attach.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "attach ends when the container does");
        assertEquals(7, attach.exitValue(), "with its status: " + out + err);
        assertEquals("got hello\ngot bye\n", out.toString(), "only what came after attach; stdout to stdout");
        awaitText(err, "err hello\nerr bye\n");
        awaitLog("talk", "ready\ngot hello\ngot bye\n");

        CliProcess.Result stopped = jrocker.run("attach", "talk");
        assertEquals(1, stopped.exitCode(), stopped.toString());
        assertEquals("jrocker: you cannot attach to a stopped container, start it first (jrocker start -a talk)\n",
                stopped.stderr());
        assertEquals(1, jrocker.run("attach", "nosuch").exitCode());
    }

    @Test
    void attachPassesTheSignalsItGetsOnToTheContainerUnlessToldNotTo() throws Exception {
        runDetached("--name", "traps", "busybox", "sh", "-c", "trap 'echo got INT' INT; trap 'echo got TERM; exit 3' TERM;"
                + " while true; do echo tick; sleep 0.1; done");
        Process attach = jrocker.start("attach", "traps");
        attaches.add(attach);
        StringBuffer out = collect(attach.getInputStream());
        StringBuffer err = collect(attach.getErrorStream());
        awaitText(out, "tick\n"); // attached: it catches its signals before it shows any output
        signal(attach, "INT"); // what ctrl-c in attach's terminal sends
        awaitText(out, "got INT\n");
        assertTrue(attach.isAlive(), "SIGINT went to the container; attach goes on: " + err);
        signal(attach, "TERM"); // not Process.destroy(): that also closes the pipes this test reads attach's output from
        assertTrue(attach.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "attach ends when the container does");
        assertEquals(3, attach.exitValue(), "the container's status, from its TERM trap: " + out + err);
        awaitText(out, "got TERM\n"); // attach has exited; the test's reader may still be reading its last output

        runDetached("--name", "unproxied", "busybox", "sh", "-c", "trap 'echo got INT' INT; while true; do echo tick; sleep 0.1; done");
        Process plain = jrocker.start("attach", "--sig-proxy=false", "unproxied");
        attaches.add(plain);
        StringBuffer plainOut = collect(plain.getInputStream());
        awaitText(plainOut, "tick\n");
        signal(plain, "INT");
        assertTrue(plain.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "without the proxy, SIGINT ends attach");
        assertEquals(128 + 2, plain.exitValue());
        assertTrue(jrocker.run("inspect", "unproxied").stdout().contains("\"Running\": true"), "the container runs on");
        assertFalse(jrocker.run("logs", "unproxied").stdout().contains("got INT"), "it got no signal");
        assertEquals(0, jrocker.run("rm", "-f", "unproxied").exitCode());
    }

    private static void signal(Process process, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor());
    }

    @Test
    void runDetachedWithATerminalIsAttachedToAndLeftWithCtrlPCtrlQ() throws Exception {
        String id = runDetached("-it", "--name", "term", "busybox", "sh");
        String jar = Path.of("target", "jrocker.jar").toAbsolutePath().toString();
        String jrockerCommand = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + jar + " " + Main.class.getName();
        // script(1) gives attach a terminal of its own, as a user's shell has; its stdin is our keyboard.
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", jrockerCommand + " attach term", "/dev/null");
        builder.environment().put("JROCKER_DATA_ROOT", dataRoot.toString());
        Process attach = builder.start();
        attaches.add(attach);
        StringBuffer screen = collect(attach.getInputStream());
        attach.getOutputStream().write("tty; echo $((6*7))\n".getBytes());
        attach.getOutputStream().flush();
        awaitText(screen, "/dev/pts/0\r\n42\r\n");
        attach.getOutputStream().write(new byte[] {0x10, 0x11}); // ctrl-p ctrl-q
        attach.getOutputStream().flush();
        assertTrue(attach.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "attach left: " + screen);
        assertEquals(1, attach.exitValue(), "docker's status for a detach: " + screen);
        assertTrue(screen.toString().contains("read escape sequence"), screen.toString());
        assertTrue(jrocker.run("inspect", "term").stdout().contains("\"Running\": true"), "the container runs on");
        assertTrue(jrocker.run("logs", "term").stdout().contains("42\r\n"), "its terminal's output is in its log");
        assertEquals(0, jrocker.run("stop", "-t", "1", "term").exitCode());
        assertTrue(idsSeen.contains(id));
    }
    // end::attach[]

    /** attach processes a test started: gone after it, however it ended. */
    private final List<Process> attaches = new ArrayList<>();

    @AfterEach
    void noAttachLeft() {
        attaches.forEach(Process::destroyForcibly);
    }

    /** What {@code stream} says, as it comes. */
    private static StringBuffer collect(java.io.InputStream stream) {
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (stream) {
                int count;
                while ((count = stream.read(buffer)) >= 0) {
                    text.append(new String(buffer, 0, count, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static void awaitText(StringBuffer text, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!text.toString().contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(text.toString().contains(expected), "expected " + expected + " in: " + text);
    }

    private void awaitLog(String container, String expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String log = "";
        while (Instant.now().isBefore(deadline)) {
            log = jrocker.run("logs", container).stdout();
            if (log.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(expected, log);
    }

    private String awaitRunning(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            CliProcess.Result inspect = jrocker.run("inspect", name);
            if (inspect.stdout().contains("\"Running\": true")) {
                String id = inspect.stdout().replaceAll("(?s).*\"Id\": \"([0-9a-f]{64})\".*", "$1");
                idsSeen.add(id);
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not start");
    }

    private void awaitExited(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (jrocker.run("inspect", name).stdout().contains("\"Status\": \"exited\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not exit");
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** Every cgroup directory named after the container, in any hierarchy. */
    private static List<Path> cgroupsOf(String id) throws IOException {
        try (Stream<Path> found = Files.find(Path.of("/sys/fs/cgroup"), 4,
                (path, attributes) -> path.getFileName() != null && path.getFileName().toString().equals(id))) {
            return found.toList();
        }
    }

    /** Processes whose command line mentions the container's ID (its monitor does). */
    private static List<Long> processesMentioning(String id) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(args -> String.join(" ", args).contains(id)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
