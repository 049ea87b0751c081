package jrocker.course;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One step of a learner's workspace, compiled for {@code ./workshop check} in this JVM, without Maven: its
 * main sources against the course's solution of the steps before it (so a step can be started on its own),
 * then its tests, into {@code .workshop/build/MODULE/classes} and {@code test-classes}, which stay between
 * checks.
 *
 * <p>What is compiled again: a source file whose text changed (a SHA-256 of each file is kept in
 * {@code state.properties}), alone, against the classes of the others. When its interface changed too (a
 * non-private member added, removed or retyped, a constant's value: see {@link Javac.Result}), the other
 * classes may depend on what changed, so the whole step and its tests are compiled again; the same when a
 * file was removed, or nothing was compiled yet. Tests are compiled again when their own text changed or
 * the step's interface did.
 */
final class StepBuild {
    private static final String STATE = "state.properties";

    private final Path workspace;
    private final String module;
    private final List<Path> before;
    private final List<Path> beforeTests;
    private final List<Path> libraries;
    private final Path home;

    /**
     * @param workspace the workspace's top directory
     * @param module    the step to build, e.g. {@code step02-cgroups}
     * @param before      the classes of the steps before it (the course's solution), newest first
     * @param beforeTests the test classes of the steps before it: the recording doubles and fixtures its tests use
     * @param libraries   JNA, picocli, JUnit, QuickTheories
     */
    StepBuild(Path workspace, String module, List<Path> before, List<Path> beforeTests, List<Path> libraries) {
        this.workspace = workspace;
        this.module = module;
        this.before = List.copyOf(before);
        this.beforeTests = List.copyOf(beforeTests);
        this.libraries = List.copyOf(libraries);
        this.home = workspace.resolve(Workshop.HOME).resolve("build").resolve(module);
    }

    /** What {@link #update} did: the compile errors (empty when all compiled) and how many files it compiled. */
    record Outcome(List<String> errors, int compiled) {
        boolean compiles() {
            return errors.isEmpty();
        }
    }

    Path classes() {
        return home.resolve("classes");
    }

    Path testClasses() {
        return home.resolve("test-classes");
    }

    /**
     * What the tests run with, in this order: the tests, their resources, the step, its resources, the steps
     * before, their tests (as {@link Proof#testRunPath} orders them in the course's build).
     */
    List<Path> runtimePath() {
        List<Path> path = new ArrayList<>();
        path.add(testClasses());
        path.add(workspace.resolve(module).resolve("src/test/resources"));
        path.add(classes());
        path.add(workspace.resolve(module).resolve("src/main/resources"));
        path.addAll(before);
        path.addAll(beforeTests);
        return path;
    }

    /** Compile what changed since the last update; the errors if it does not compile. */
    Outcome update() throws IOException {
        Properties state = load();
        int[] compiled = {0};
        List<Path> mainPath = new ArrayList<>(before);
        mainPath.addAll(libraries);
        Part main = new Part("main", workspace.resolve(module).resolve("src/main/java"), classes(), mainPath);
        boolean[] interfaceChanged = {false};
        List<String> errors = main.compile(state, false, interfaceChanged, compiled);
        if (errors.isEmpty() && interfaceChanged[0]) {
            errors = main.compile(state, true, interfaceChanged, compiled);
        }
        if (!errors.isEmpty()) {
            save(state);
            return new Outcome(errors, compiled[0]);
        }
        List<Path> testPath = new ArrayList<>();
        testPath.add(classes());
        testPath.addAll(before);
        testPath.addAll(beforeTests);
        testPath.addAll(libraries);
        Part tests = new Part("test", workspace.resolve(module).resolve("src/test/java"), testClasses(), testPath);
        errors = tests.compile(state, interfaceChanged[0], new boolean[1], compiled);
        save(state);
        return new Outcome(errors, compiled[0]);
    }

    /** One SHA-256 of every file of the step's {@code src} (sources and resources): it changes when one does. */
    String fingerprint() throws IOException {
        StringBuilder text = new StringBuilder();
        files(workspace.resolve(module).resolve("src"), "").forEach((path, hash) -> text.append(path).append(' ').append(hash).append('\n'));
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The main or test sources of the step, compiled into {@code output} against {@code classPath}. */
    private final class Part {
        private final String name;
        private final Path sources;
        private final Path output;
        private final List<Path> classPath;

        Part(String name, Path sources, Path output, List<Path> classPath) {
            this.name = name;
            this.sources = sources;
            this.output = output;
            this.classPath = classPath;
        }

        List<String> compile(Properties state, boolean everything, boolean[] interfaceChanged, int[] count) throws IOException {
            Map<Path, String> now = sources(sources);
            Map<Path, String> known = new TreeMap<>();
            String prefix = name + "|";
            for (String key : state.stringPropertyNames()) {
                if (key.startsWith(prefix)) {
                    known.put(Path.of(key.substring(prefix.length())), state.getProperty(key));
                }
            }
            boolean all = everything || known.isEmpty() || !Files.isDirectory(output) || !now.keySet().containsAll(known.keySet());
            List<Path> changed = now.keySet().stream().filter(path -> all || !now.get(path).equals(known.get(path))).toList();
            if (changed.isEmpty()) {
                return List.of();
            }
            if (all) {
                Workspace.delete(output);
                for (String key : List.copyOf(state.stringPropertyNames())) {
                    if (key.startsWith(prefix) || key.startsWith(name + "-classes|") || key.startsWith(name + "-interface|")) {
                        state.remove(key);
                    }
                }
            }
            Files.createDirectories(output);
            Map<Path, String> texts = new LinkedHashMap<>();
            for (Path path : changed) {
                state.remove(prefix + path); // compiled again next time unless it compiles now
                for (String className : state.getProperty(name + "-classes|" + path, "").split(",")) {
                    if (!className.isEmpty()) {
                        Files.deleteIfExists(output.resolve(className.replace('.', '/') + ".class"));
                    }
                }
                texts.put(path, Files.readString(workspace.resolve(path)));
            }
            List<Path> path = new ArrayList<>();
            path.add(output);
            path.addAll(classPath);
            Javac.Result result = Javac.compileAll(texts, path, output);
            count[0] += texts.size();
            if (!result.compiled()) {
                return result.errors();
            }
            for (Path file : changed) {
                state.setProperty(prefix + file, now.get(file));
                state.setProperty(name + "-classes|" + file, String.join(",", result.classes().getOrDefault(file, List.of())));
                String before = state.getProperty(name + "-interface|" + file);
                String after = result.interfaces().getOrDefault(file, "");
                if (!all && !after.equals(before)) {
                    interfaceChanged[0] = true;
                }
                state.setProperty(name + "-interface|" + file, after);
            }
            return List.of();
        }
    }

    /** Each {@code .java} file under {@code directory}, relative to the workspace, with its SHA-256. */
    private Map<Path, String> sources(Path directory) throws IOException {
        return files(directory, ".java");
    }

    /** Each file under {@code directory} whose name ends with {@code suffix}, relative to the workspace, with its SHA-256. */
    private Map<Path, String> files(Path directory, String suffix) throws IOException {
        Map<Path, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix) && Files.isRegularFile(f)).toList()) {
                hashes.put(workspace.relativize(file), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Properties load() {
        Properties state = new Properties();
        Path file = home.resolve(STATE);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.load(reader);
            } catch (IOException | IllegalArgumentException unreadable) {
                state.clear(); // compile everything again
            }
        }
        return state;
    }

    private void save(Properties state) throws IOException {
        Files.createDirectories(home);
        Path temporary = home.resolve(STATE + ".new");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            state.store(writer, "what ./workshop check compiled of " + module + ": each source's SHA-256, classes, interface");
        }
        Files.move(temporary, home.resolve(STATE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
