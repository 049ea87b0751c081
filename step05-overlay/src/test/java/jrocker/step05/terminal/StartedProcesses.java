package jrocker.step05.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a terminal test started, killed when it ends, whatever the outcome: {@code close()} in an
 * {@code @AfterEach}.
 *
 * <p>Killing the started processes and their descendants is not enough. These tests start programs with
 * {@code setsid} (a terminal needs a session of its own), often two levels down: a shell runs a relay JVM, which
 * runs a program on a pty. When a process in between dies first, its children are re-parented to init and are
 * nobody's descendants any more; a {@code sleep} in the background of a script never was waited for. What none of
 * them can leave is the session setsid made: its id is the pid of the process that called setsid, and every
 * process it starts inherits it. So this kills by session and process group: every process on the machine whose
 * session or group (fields 5 and 6 of {@code /proc/PID/stat}) is one of the started processes' (their pids, and
 * what their descendants are in, found before anything is killed), until none is left. Never this JVM's own
 * session or group, which the test runner and the other tests share.
 */
final class StartedProcesses implements AutoCloseable {
    /** How long {@link #close} keeps killing before it gives up and says what is left. */
    private static final long PATIENCE_MILLIS = 10_000;

    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();

    /** Start {@code builder}'s command, to be killed with its session at the end. */
    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        // A process that execs setsid (not a group leader: the JVM's children are not) keeps its pid and leads
        // the new session, so its pid is the session's id even after it has exited.
        sessions.add(process.pid());
        return process;
    }

    /** Also kill session {@code id}: one that a started process made further down and announced (its pid). */
    void addSession(long id) {
        sessions.add(id);
    }

    /** The processes alive now in session or process group {@code id}. */
    static Set<Long> inSession(long id) {
        Set<Long> members = new HashSet<>();
        for (long pid : allPids()) {
            stat(pid).filter(stat -> stat.running() && (stat.session() == id || stat.group() == id)).ifPresent(stat -> members.add(pid));
        }
        return members;
    }

    /** Kill everything started, its descendants, and every process of their sessions and groups; wait until they are gone. */
    @Override
    public void close() {
        long self = ProcessHandle.current().pid();
        Stat own = stat(self).orElseThrow(() -> new IllegalStateException("cannot read /proc/self/stat"));
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        Set<Long> left;
        do {
            Set<Long> victims = new HashSet<>();
            Set<Long> ids = new HashSet<>(sessions);
            for (Process process : processes) { // first learn where everything is, then kill
                victims.add(process.pid());
                process.descendants().forEach(descendant -> victims.add(descendant.pid()));
            }
            for (long pid : victims) {
                stat(pid).ifPresent(stat -> {
                    ids.add(stat.session());
                    ids.add(stat.group());
                });
            }
            ids.remove(own.session());
            ids.remove(own.group());
            ids.remove(0L);
            for (long id : ids) {
                victims.addAll(inSession(id));
            }
            victims.remove(self);
            left = new HashSet<>();
            for (long pid : victims) {
                if (stat(pid).filter(Stat::running).isPresent()) {
                    left.add(pid);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (!left.isEmpty()) {
                pause();
            }
        } while (!left.isEmpty() && System.currentTimeMillis() < deadline);
        if (!left.isEmpty()) {
            throw new IllegalStateException("processes started by the test survive SIGKILL: " + left);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A process as {@code /proc/PID/stat} has it: its state letter, process group and session. */
    record Stat(char state, long group, long session) {
        /** A zombie has exited and runs nothing; its parent just has not collected its status yet. */
        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    static Optional<Stat> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so split after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile
        }
    }

    private static Set<Long> allPids() {
        Set<Long> pids = new HashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : proc) {
                pids.add(Long.parseLong(entry.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return pids;
    }
}
