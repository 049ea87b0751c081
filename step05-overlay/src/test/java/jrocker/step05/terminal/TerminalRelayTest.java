package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jrocker.step03.rootfs.BusyboxRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay with real programs on real ptys (from the host's /dev/ptmx; no root needed). The programs get the
 * slave as their controlling terminal in one of two ways:
 * <ul>
 *   <li>{@code busybox setsid -c}, from a shell that opened the slave as stdin (a JVM cannot run code between
 *       fork and exec, so something else has to call setsid and TIOCSCTTY);</li>
 *   <li>{@link AttachTerminalChild}: a JVM running the {@link AttachTerminal} stage with the real calls and then
 *       exec'ing the program, as the container's init does.</li>
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminalRelayTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private String busybox;
    private PtyMaster master;
    private final Transcript screen = new Transcript();
    private final Keyboard keyboard = new Keyboard();
    private final StartedProcesses started = new StartedProcesses();

    @BeforeEach
    void openPty() throws IOException {
        busybox = BusyboxRootfs.fromHost().busybox().toString();
        master = PtyMaster.open(Path.of("/dev/ptmx"));
    }

    @AfterEach
    void closePty() {
        started.close(); // nothing outlives a failed test, not even what setsid moved out of the descendants
        master.close();
    }

    @Test
    void theRelayShowsWhatTheProgramWritesAndReturnsItsStatus() throws Exception {
        master.resize(24, 80);
        Process program = withSetsid("tty; stty size; exit 5");

        int status = TerminalRelay.relay(master, null, screen, () -> waitFor(program));

        assertEquals(5, status);
        assertTrue(screen.text().contains(master.slavePath() + "\r\n24 80\r\n"), screen.text());
    }

    @Test
    void whatTheProgramWroteLastIsShownEvenWhenItExitedBeforeTheRelayStarted() throws Exception {
        Process program = withSetsid("echo last words");
        waitFor(program);

        int status = TerminalRelay.relay(master, null, screen, () -> waitFor(program));

        assertEquals(0, status);
        assertEquals("last words\r\n", screen.text());
    }

    @Test
    void aLongOutputArrivesWhole() throws Exception {
        // More than a pty buffers (a few KiB): the program waits for the relay to read, nothing is dropped.
        Process program = withSetsid("i=0; while [ $i -lt 3000 ]; do echo line $i; i=$((i+1)); done");

        TerminalRelay.relay(master, null, screen, () -> waitFor(program));

        String[] lines = screen.text().split("\r\n");
        assertEquals(3000, lines.length);
        assertEquals("line 2999", lines[2999]);
    }

    @Test
    void theAttachedTerminalIsTheControllingTerminalOfTheProgramsOwnSession() throws Exception {
        master.resize(40, 100);
        Process program = withAttachTerminal("sh", "-c",
                "tty; stty size; echo controlling > /dev/tty; set -- $(cat /proc/$$/stat); echo \"ids $1 $5 $6 $8\"");

        int status = TerminalRelay.relay(master, null, screen, () -> waitFor(program));

        String shown = screen.text();
        assertEquals(0, status, shown);
        assertTrue(shown.startsWith(master.slavePath() + "\r\n40 100\r\ncontrolling\r\n"), shown);
        // /proc/PID/stat: pid, process group, session, and the terminal's foreground group: all the same
        // process, the one that called setsid and now leads the pty's foreground group.
        Matcher ids = Pattern.compile("ids (\\d+) (\\d+) (\\d+) (\\d+)").matcher(shown);
        assertTrue(ids.find(), shown);
        for (int group = 2; group <= 4; group++) {
            assertEquals(ids.group(1), ids.group(group), shown);
        }
    }

    @Test
    void anInteractiveShellHasJobControlAndExitsWithItsStatus() throws Exception {
        Process program = withAttachTerminal("sh");
        CompletableFuture<Integer> status = relayInBackground(program);

        keyboard.type("sleep 30 &\n");
        keyboard.type("jobs; echo $((6*7))\n");
        screen.awaitText("42", PATIENCE);
        keyboard.type("kill %1; exit 3\n");

        assertEquals(3, status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), screen.text());
        assertTrue(screen.text().contains("sleep 30"), "jobs lists the background job: " + screen.text());
        assertFalse(screen.text().contains("job control turned off"), screen.text());
    }

    @Test
    void ctrlCInterruptsTheProgramInTheForeground() throws Exception {
        Process program = withAttachTerminal("sh", "-c", "echo ready; sleep 30; echo not interrupted");
        CompletableFuture<Integer> status = relayInBackground(program);

        screen.awaitText("ready", PATIENCE);
        keyboard.type("\u0003"); // what Ctrl-C sends in raw mode; the pty makes it SIGINT

        assertEquals(128 + 2, status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), screen.text());
        assertFalse(screen.text().contains("not interrupted"), screen.text());
    }

    @Test
    void theProgramLearnsOfANewWindowSize() throws Exception {
        master.resize(24, 80);
        Process program = withAttachTerminal("sh", "-c", "trap 'stty size' WINCH; echo ready; while sleep 0.1; do :; done");
        CompletableFuture<Integer> status = relayInBackground(program);

        screen.awaitText("ready", PATIENCE);
        master.resize(50, 132); // what the relay does on SIGWINCH; the kernel passes SIGWINCH on to the program
        screen.awaitText("50 132", PATIENCE);
        keyboard.type("\u0003");

        assertEquals(128 + 2, status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), screen.text());
    }

    /** {@code busybox sh -c SCRIPT} with the slave as its controlling terminal and stdio, through setsid -c. */
    private Process withSetsid(String script) throws IOException {
        // The outer shell opens the slave (it leads no session, so the slave does not become its terminal);
        // setsid -c starts a new session and makes its stdin, the slave, the controlling terminal.
        String slave = master.slavePath();
        return start(List.of(busybox, "sh", "-c", "exec \"$0\" setsid -c \"$0\" sh -c \"$1\" <" + slave + " >" + slave + " 2>&1",
                busybox, script));
    }

    /** {@code busybox ARGS...} exec'd by a JVM that ran {@link AttachTerminal} first, as the container's init does. */
    private Process withAttachTerminal(String... busyboxArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(master.slavePath(), busybox));
        arguments.addAll(List.of(busyboxArguments));
        return start(ChildJvm.command(AttachTerminalChild.class, arguments.toArray(String[]::new)));
    }

    private Process start(List<String> command) throws IOException {
        // Until the program has the pty, what it says (a Java stack trace, say) goes to a pipe we keep for
        // failure messages; the program's stdin is closed.
        Process process = started.start(new ProcessBuilder(command).redirectErrorStream(true));
        process.getOutputStream().close();
        CompletableFuture.runAsync(() -> {
            try {
                byte[] said = process.getInputStream().readAllBytes();
                if (said.length > 0) {
                    System.err.println("before it had the pty, " + command.get(command.size() - 1) + " said: "
                            + new String(said, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the test fails on its own
            }
        });
        return process;
    }

    private CompletableFuture<Integer> relayInBackground(Process program) {
        return CompletableFuture.supplyAsync(() -> TerminalRelay.relay(master, keyboard, screen, () -> waitFor(program)));
    }

    private static int waitFor(Process process) {
        return ChildJvm.waitFor(process, PATIENCE, "the program did not exit within " + PATIENCE);
    }
}
