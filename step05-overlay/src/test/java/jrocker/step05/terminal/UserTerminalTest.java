package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jrocker.step03.rootfs.BusyboxRootfs;
import jrocker.step05.linux.LinuxTerminalSyscalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TerminalRelay#relayUserTerminal} as a user meets it: the test plays the user's terminal emulator (a pty
 * of its own, the "outer" one) for a JVM that relays it to a program on another pty ({@link UserTerminalChild}).
 * It checks what only a real terminal shows: raw mode while the relay runs and cooked mode after, Ctrl-C reaching
 * the program and not jrocker, and the window size following the user's window.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserTerminalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final LinuxTerminalSyscalls TERMINAL = new LinuxTerminalSyscalls();
    private final StartedProcesses started = new StartedProcesses();
    /** c_lflag bits (asm-generic/termbits.h), at byte 12 of struct termios. */
    private static final int ISIG = 0x1;
    private static final int ICANON = 0x2;
    private static final int ECHO = 0x8;

    @Test
    void rawWhileRelayingCookedAfterCtrlCForTheProgramAndTheWindowSizeFollows() throws Exception {
        try (PtyMaster userTerminal = PtyMaster.open(Path.of("/dev/ptmx"))) {
            userTerminal.resize(24, 80);
            int userSide = openSlave(userTerminal);
            try {
                int cooked = localFlags(userSide);
                assertEquals(ISIG | ICANON | ECHO, cooked & (ISIG | ICANON | ECHO), "a new terminal starts cooked");
                Process shell = startOnTerminal(userTerminal.slavePath(),
                        "trap 'echo program got SIGINT; exit 7' INT; trap 'stty size' WINCH; stty size; echo ready;"
                        + " while sleep 0.1; do :; done");
                Transcript screen = new Transcript();
                Keyboard keyboard = new Keyboard();
                CompletableFuture<Integer> shellStatus = CompletableFuture.supplyAsync(
                        () -> TerminalRelay.relay(userTerminal, keyboard, screen, () -> waitFor(shell)));

                screen.awaitText("ready", PATIENCE);
                killProgramAtTheEnd(screen);
                assertTrue(screen.text().contains("24 80"), "the pty got the user's size at the start: " + screen.text());
                assertEquals(0, localFlags(userSide) & (ISIG | ICANON | ECHO), "raw while relaying");

                userTerminal.resize(50, 132); // the user resizes the window: jrocker gets SIGWINCH
                screen.awaitText("50 132", PATIENCE);

                keyboard.type("\u0003"); // Ctrl-C: a byte for jrocker (raw), SIGINT for the program (its pty)
                screen.awaitText("jrocker exited 7", PATIENCE);
                assertTrue(screen.text().contains("program got SIGINT"), screen.text());
                assertEquals(cooked, localFlags(userSide), "the user's terminal is restored");
                shell.destroy();
                shellStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                TERMINAL.closeFd(userSide);
            }
        }
    }

    @Test
    void theTerminalIsRestoredWhenJrockerIsStopped() throws Exception {
        try (PtyMaster userTerminal = PtyMaster.open(Path.of("/dev/ptmx"))) {
            int userSide = openSlave(userTerminal);
            try {
                int cooked = localFlags(userSide);
                Process shell = startOnTerminal(userTerminal.slavePath(), "echo ready; exec sleep 30");
                Transcript screen = new Transcript();
                CompletableFuture<Integer> shellStatus = CompletableFuture.supplyAsync(
                        () -> TerminalRelay.relay(userTerminal, null, screen, () -> waitFor(shell)));
                screen.awaitText("ready", PATIENCE);
                killProgramAtTheEnd(screen);
                assertEquals(0, localFlags(userSide) & (ICANON | ECHO), "raw while relaying");
                Matcher jrocker = Pattern.compile("jrocker (\\d+)").matcher(screen.text());
                assertTrue(jrocker.find(), screen.text());

                ProcessHandle.of(Long.parseLong(jrocker.group(1))).orElseThrow().destroy(); // SIGTERM: shutdown hooks run

                screen.awaitText("jrocker exited 143", PATIENCE);
                assertEquals(cooked, localFlags(userSide), "the shutdown hook restored the terminal");
                shell.destroy();
                shellStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                TERMINAL.closeFd(userSide);
            }
        }
    }

    /**
     * Whatever happened, nothing the test started outlives it: the shell and jrocker (the session the shell's
     * setsid made), and jrocker's program (the session it announced), even when jrocker died before it.
     */
    @AfterEach
    void stopEverything() {
        started.close();
    }

    /** jrocker's program leads a session of its own (its setsid): kill that session too at the end. */
    private void killProgramAtTheEnd(Transcript screen) {
        Matcher program = Pattern.compile("program (\\d+)").matcher(screen.text());
        assertTrue(program.find(), screen.text());
        started.addSession(Long.parseLong(program.group(1)));
    }

    /** The test's own descriptor of the user's terminal, to look at its modes. */
    private static int openSlave(PtyMaster terminal) {
        return TERMINAL.openTerminal(terminal.slavePath());
    }

    /** c_lflag of the terminal on {@code fd}. */
    private static int localFlags(int fd) {
        byte[] termios = TERMINAL.terminalSettings(fd);
        return ByteBuffer.wrap(termios).order(ByteOrder.nativeOrder()).getInt(12);
    }

    /**
     * The user's shell on {@code terminal}: it leads the terminal's session (setsid -c) and runs jrocker, a JVM
     * running {@link UserTerminalChild} with {@code script}, in the foreground, so the kernel sends jrocker
     * SIGWINCH when the terminal is resized. It outlives jrocker, as a user's shell does: a session leader's
     * exit would hang the terminal up, and the test could not look at its modes any more.
     */
    private Process startOnTerminal(String terminal, String script) throws IOException {
        String busybox = BusyboxRootfs.fromHost().busybox().toString();
        List<String> command = new ArrayList<>(List.of(busybox, "sh", "-c",
                "exec \"$0\" setsid -c \"$0\" sh -c '\"$@\"; echo \"jrocker exited $?\"; exec sleep 30' sh \"$@\""
                        + " <" + terminal + " >" + terminal + " 2>&1", busybox));
        command.addAll(ChildJvm.command(UserTerminalChild.class, busybox, script));
        return started.start(new ProcessBuilder(command).redirectInput(new java.io.File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT));
    }

    private static int waitFor(Process process) {
        return ChildJvm.waitFor(process, PATIENCE, "jrocker did not exit in time");
    }
}
