package jrocker.step05.terminal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jrocker.step01.container.JvmOptions;

/** What the terminal tests share about the JVMs they start: the command line, and waiting for the end. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java} (the running one) with the init's options and the test class path, running {@code mainClass}. */
    static List<String> command(Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.INIT);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /** {@code process}'s exit status; when it takes longer than {@code patience}, kill it and fail with {@code whenLate}. */
    static int waitFor(Process process, Duration patience, String whenLate) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(whenLate);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
