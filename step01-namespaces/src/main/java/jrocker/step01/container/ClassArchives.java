package jrocker.step01.container;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Class data sharing (CDS) archives for jrocker's two JVMs, made on first use for the JDK and the jars in
 * use. A JVM that starts from an archive maps classes that were already parsed, verified and laid out;
 * without one it reads, parses and verifies each class from its jar, on every start.
 *
 * <p>How an archive comes to be: a JVM records the classes it loads, one line each, as it loads them
 * ({@code -XX:DumpLoadedClassList}); the next {@code run} turns the finished list into an archive with
 * {@code java -Xshare:dump} and uses it from then on. The list is written as the JVM goes, which matters
 * for the init: it never exits (it execs the container's command), so an archive dumped at exit would
 * never be written. The CLI's list is recorded by the {@code jrocker} launcher ({@code cli-PID.classlist})
 * and its archive ({@code cli.jsa}) used by it; the init's are recorded and used here.
 *
 * <p>All of this lives in {@code cds/} next to the jar, and never breaks a run:
 * <ul>
 *   <li>an archive is written to a temporary file and renamed when complete: a truncated archive would
 *       crash the JVM that maps it;</li>
 *   <li>a list is used only once the CLI that recorded it (its PID is in the name) has exited;</li>
 *   <li>each archive has a key file (the JDK, the jars' sizes and times); when the key no longer matches,
 *       the archive is deleted and a new list recorded. Meanwhile the JVM itself refuses an archive that
 *       does not fit, silently ({@code -Xshare:auto}, CDS logging off: {@link JvmOptions#CLI});</li>
 *   <li>with a class path of directories (tests), or a {@code cds/} that cannot be written, nothing is
 *       recorded and nothing used.</li>
 * </ul>
 */
public final class ClassArchives {
    /** The archive of the CLI JVM (the launcher scripts use it) and of the init JVM. */
    public static final String CLI = "cli";
    public static final String INIT = "init";

    private static final AtomicInteger INIT_LISTS = new AtomicInteger();
    private static final long DUMP_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final String classPath;
    private final String key;

    private ClassArchives(Path directory, String classPath, String key) {
        this.directory = directory;
        this.classPath = classPath;
        this.key = key;
    }

    /**
     * The options that give an init JVM with {@code classPath} its archive, or make it record its class
     * list when there is no archive yet. Finished lists are turned into archives first (once, about a
     * second). Empty when CDS cannot be used for this class path.
     */
    public static List<String> initOptions(String classPath) {
        try {
            ClassArchives archives = forClassPath(classPath);
            if (archives == null) {
                return List.of();
            }
            archives.update(CLI);
            archives.update(INIT);
            return archives.options(INIT);
        } catch (IOException | RuntimeException e) {
            return List.of(); // a cache: without it, the init starts as it did before
        }
    }

    /** The archives for {@code classPath} (jar files only), in {@code cds/} beside its first jar; null if none can be made. */
    static ClassArchives forClassPath(String classPath) throws IOException {
        if (classPath == null || classPath.isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder()
                .append("java.home=").append(System.getProperty("java.home")).append('\n')
                .append("java.vm.version=").append(System.getProperty("java.vm.version")).append('\n');
        Path first = null;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return null; // CDS archives classes from jars only
            }
            first = first == null ? jar : first;
            appendStamp(key, jar);
        }
        // The jars the first jar's manifest names (Class-Path: lib/...): this project keeps them in lib/.
        Path lib = first.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
                entries.forEach(jars::add);
            }
            jars.sort(null);
            for (Path jar : jars) {
                appendStamp(key, jar);
            }
        }
        Path directory = first.resolveSibling("cds");
        Files.createDirectories(directory);
        if (!Files.isWritable(directory)) {
            return null;
        }
        return new ClassArchives(directory, classPath, key.toString());
    }

    private static void appendStamp(StringBuilder key, Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        key.append(jar).append(' ').append(attributes.size()).append(' ')
                .append(attributes.lastModifiedTime().toMillis()).append('\n');
    }

    Path archive(String kind) {
        return directory.resolve(kind + ".jsa");
    }

    private Path keyFile(String kind) {
        return directory.resolve(kind + ".key");
    }

    /** The options for a JVM of {@code kind}: its archive, or a new class list to record. */
    List<String> options(String kind) {
        if (Files.isRegularFile(archive(kind))) {
            return List.of("-XX:SharedArchiveFile=" + archive(kind));
        }
        if (failedBefore(kind)) {
            return List.of();
        }
        String list = kind + "-" + ProcessHandle.current().pid() + "-" + INIT_LISTS.incrementAndGet() + ".classlist";
        return List.of("-XX:DumpLoadedClassList=" + directory.resolve(list));
    }

    /**
     * Delete the archive of {@code kind} if it was made for another JDK or other jars; make one from a
     * finished class list if there is none.
     */
    void update(String kind) throws IOException {
        Path archive = archive(kind);
        Path failed = directory.resolve(kind + ".failed");
        if (Files.exists(failed) && !failedBefore(kind)) {
            Files.deleteIfExists(failed); // it failed for another JDK or other jars: try again
        }
        if (Files.exists(archive) && !key.equals(readKey(keyFile(kind)))) {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(keyFile(kind));
        }
        List<Path> finished = finishedLists(kind);
        if (Files.exists(archive) || finished.isEmpty()) {
            deleteAll(Files.exists(archive) ? finished : List.of());
            return;
        }
        if (!failedBefore(kind)) {
            dump(kind, finished);
        }
        deleteAll(finished);
    }

    /** Class lists of {@code kind} whose recording JVM's CLI ({@code KIND-PID[-N].classlist}) has exited. */
    List<Path> finishedLists(String kind) throws IOException {
        List<Path> finished = new ArrayList<>();
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(directory, kind + "-*.classlist")) {
            for (Path list : lists) {
                String name = list.getFileName().toString();
                String pid = name.substring(kind.length() + 1, name.length() - ".classlist".length()).split("-")[0];
                if (!pid.matches("[0-9]{1,10}")) {
                    continue;
                }
                if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    finished.add(list);
                }
            }
        }
        return finished;
    }

    /**
     * {@code java -Xshare:dump} from the union of {@code lists}, into a temporary file that is renamed once
     * the dump succeeded. A failure is remembered (for this key) so that it is not retried on every run.
     */
    private void dump(String kind, List<Path> lists) throws IOException {
        Path union = directory.resolve(kind + ".classlist.tmp-" + ProcessHandle.current().pid());
        Path temporary = directory.resolve(kind + ".jsa.tmp-" + ProcessHandle.current().pid());
        try {
            java.util.LinkedHashSet<String> lines = new java.util.LinkedHashSet<>();
            for (Path list : lists) {
                String text = Files.readString(list, StandardCharsets.UTF_8);
                // A JVM still writing (step05's monitor runs `reap` with these options too) or killed
                // mid-line leaves a last line without its newline: leave it out.
                int end = text.lastIndexOf('\n');
                lines.addAll(List.of(text.substring(0, end + 1).split("\n")));
            }
            lines.remove("");
            Files.write(union, lines, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xshare:dump");
            command.add("-XX:SharedClassListFile=" + union);
            command.add("-XX:SharedArchiveFile=" + temporary);
            command.add("-XX:+UseSerialGC");
            command.add("-cp");
            command.add(classPath);
            Process dump = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean done = dump.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                dump.destroyForcibly();
                dump.waitFor();
            }
            if (done && dump.exitValue() == 0 && Files.size(temporary) > 0) {
                Files.writeString(keyFile(kind), key, StandardCharsets.UTF_8);
                Files.move(temporary, archive(kind), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(directory.resolve(kind + ".failed"), key, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(union);
            Files.deleteIfExists(temporary);
        }
    }

    private boolean failedBefore(String kind) {
        return key.equals(readKey(directory.resolve(kind + ".failed")));
    }

    private static String readKey(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteAll(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
