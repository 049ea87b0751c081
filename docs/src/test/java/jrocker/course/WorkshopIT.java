package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace the build wrote ({@code target/jrocker-workshop}), used as a learner uses it through its
 * {@code ./workshop} script: copied elsewhere, {@code list}, {@code check} (which compiles and tests in its
 * own JVM, without Maven) before and after one exercise is written. Needs no root.
 */
class WorkshopIT {
    private static final Path WORKSPACE = Path.of("target/jrocker-workshop");

    @TempDir
    Path home;

    private record Run(int status, String output) {
    }

    private static Run run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void aLearnerChecksAStepWritesAnExerciseAndChecksAgain() throws Exception {
        Path workspace = home.resolve("jrocker-workshop");
        Workspace.copyTree(WORKSPACE, workspace);

        Run list = run(workspace, "./workshop", "list");
        assertEquals(0, list.status(), list.output());
        assertTrue(list.output().contains("step02-cgroups\n  todo    memory-size "), list.output());
        assertTrue(list.output().contains("\nProgress: 0/"), list.output());

        Run first = run(workspace, "./workshop", "check");
        assertEquals(1, first.status(), first.output());
        assertTrue(first.output().startsWith("FAILED command-lookup (step01): "), first.output());

        Run before = run(workspace, "./workshop", "check", "step02");
        assertEquals(1, before.status(), before.output());
        assertTrue(before.output().contains("\n0 passed, 5 failed"), before.output());
        assertTrue(before.output().contains("  FAILED cpu-weight             not written yet: the TODO is still there\n"), before.output());

        // The learner writes cpu-weight: here, the course's own solution. Step01's exercises are not done.
        Path file = Path.of("step02-cgroups/src/main/java/jrocker/step02/cgroup/CpuShares.java");
        Files.copy(Path.of("..").resolve(file), workspace.resolve(file), StandardCopyOption.REPLACE_EXISTING);

        Run after = run(workspace, "./workshop", "check", "cpu-weight");
        assertEquals(0, after.status(), after.output());
        assertTrue(after.output().startsWith("passed cpu-weight (step02): "), after.output());
        assertTrue(after.output().contains("\n1 passed, 0 failed\nProgress: 1/"), after.output());

        Run wrong = run(workspace, "./workshop", "check", "step09");
        assertEquals(2, wrong.status(), wrong.output());
        assertEquals(List.of("workshop: no exercise or step step09: the steps are step01, step02, step03, step04, step05;"
                + " ./workshop list names the exercises"), wrong.output().lines().toList());
    }

    @Test
    void watchChecksAgainWhenTheLearnerSaves() throws Exception {
        Path workspace = home.resolve("jrocker-workshop");
        Workspace.copyTree(WORKSPACE, workspace);
        Process watch = new ProcessBuilder("./workshop", "watch", "step01").directory(workspace.toFile())
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var in = watch.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            awaitOutput(output, text -> text.contains("watching your files"));
            assertTrue(output.toString().contains("  FAILED command-lookup         not written yet"), output.toString());

            // The learner saves command-lookup written: here, the course's own solution.
            Path file = Path.of("step01-namespaces/src/main/java/jrocker/step01/container/CommandLookup.java");
            Files.copy(Path.of("..").resolve(file), workspace.resolve(file), StandardCopyOption.REPLACE_EXISTING);

            awaitOutput(output, text -> text.split("watching your files", -1).length == 3);
            String second = output.toString().split("watching your files", -1)[1];
            assertTrue(second.contains("  passed command-lookup         Find the command like a shell"), output.toString());
            assertTrue(second.contains("\n1 passed, "), output.toString());
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }

    /** Waits (at most two minutes: a check compiles and tests in a fresh JVM) until the output satisfies the condition. */
    private static void awaitOutput(StringBuffer output, Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.test(output.toString())) {
            if (System.nanoTime() > deadline) {
                fail("watch did not print what was expected within two minutes:\n" + output);
            }
            Thread.sleep(100);
        }
    }
}
