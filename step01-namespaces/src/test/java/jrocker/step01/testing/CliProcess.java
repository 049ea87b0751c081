package jrocker.step01.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a step's jrocker CLI as a separate process, the way a user runs it, and captures what it prints.
 * Tests use it to check real containers end to end: exit codes, output, and what is left afterwards.
 */
public final class CliProcess {
    private final Class<?> mainClass;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Path directory;

    public CliProcess(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    /** What a finished CLI run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** Extra environment variables for the CLI. */
    public CliProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public CliProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Run {@code jrocker ARGS} and wait up to a minute. */
    public Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jrocker " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Start {@code jrocker ARGS} and return at once; the caller owns the process. */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return builder.start();
    }

    /**
     * The step's packaged CLI, {@code target/jrocker.jar} (tests that use this class run after
     * {@code package}), as a user runs it. Not the test's class path of directories: after chroot or
     * pivot_root the init could no longer read class files from the host's directories; from a jar it
     * opened before, it can.
     */
    static String classPath() {
        Path jar = Path.of("target", "jrocker.jar").toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run the packaged CLI; run them with"
                    + " `./mvnw verify` (failsafe runs *IT classes after package)");
        }
        return jar.toString();
    }

    /**
     * Read a stream to the end on a thread of its own, so a full pipe never blocks the process (not the
     * common pool: on a 2-core machine it has one thread, and two drains would wait for each other).
     */
    public static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(could not read: " + e + ")");
            }
        }, "jrocker-test-drain");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
