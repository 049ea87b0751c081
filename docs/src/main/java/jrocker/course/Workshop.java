package jrocker.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The learner's command in a generated workspace ({@code ./workshop}), one JVM per command: it compiles
 * with javax.tools and runs the exercise tests with the JUnit Platform Launcher itself (see
 * {@link StepBuild}, {@link TestRun}); no Maven run per check.
 * <pre>
 *   ./workshop list                    every exercise with its status, and the progress: 3/24
 *   ./workshop check                   the exercises in order, up to the first that fails: its failure and hint
 *   ./workshop check mount-table       one exercise (or several)
 *   ./workshop check step03            every exercise of a step (3, 03, step03 or step03-busybox-rootfs)
 *   ./workshop check all               every exercise
 *   ./workshop watch [WHAT]            check again on every save (WHAT as for check)
 *   ./workshop next                    the first exercise that does not pass yet: what to do
 *   ./workshop hint mount-table        the task, where, the hint and the tests
 *   ./workshop reset mount-table       put the TODO back
 *   ./workshop solution mount-table    the course's solution, once yours passes
 * </pre>
 * A step's exercises are checked with the course's solution of the steps before it, so any step can be
 * started first. An exercise that passed stays passed, without running its tests again, until a file
 * of its step changes. Exit status: 0 when every exercise checked passed, 1 when one did not (or the step
 * does not compile), 2 for a bad command line.
 */
public final class Workshop {
    /** Where a workspace keeps the course's files, relative to its top directory. */
    public static final Path HOME = Path.of(".workshop");
    /** The course's solution of each step, compiled: {@code .workshop/solution/MODULE.jar}. */
    static final String SOLUTION_CLASSES = "solution";
    /** The solutions' text, for {@code solution ID}: deflated, so that a search of the workspace does not show them. */
    static final String SOLUTIONS = "solutions.deflated";
    /** Each exercise's last result: {@code ID = passed|failed FINGERPRINT-OF-ITS-STEP}. */
    private static final String PROGRESS = "progress.properties";

    private final Path root;
    private final Catalog catalog;
    private final PrintStream out;
    private final List<Path> libraries;
    private final Map<String, StepBuild> builds = new HashMap<>();
    /** The modules compiled (or found not compiling) during this command: compile errors, empty when it compiles. */
    private final Map<String, List<String>> compiled = new HashMap<>();
    private final Properties progress = new Properties();

    Workshop(Path root, Catalog catalog, PrintStream out, List<Path> libraries) {
        this.root = root;
        this.catalog = catalog;
        this.out = out;
        this.libraries = List.copyOf(libraries);
        Path file = root.resolve(HOME).resolve(PROGRESS);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                progress.load(reader);
            } catch (IOException | IllegalArgumentException unreadable) {
                progress.clear(); // everything is checked again
            }
        }
    }

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path catalogue = root.resolve(HOME).resolve("exercises");
        if (!Files.isDirectory(catalogue)) {
            System.err.println("workshop: " + catalogue + " is missing: run this in a workspace made by the course"
                    + " (see the README)");
            System.exit(2);
        }
        List<Path> libraries = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        System.exit(new Workshop(root, Catalog.readCatalogueOnly(catalogue), System.out, libraries).run(List.of(args)));
    }

    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "check" -> check(rest);
                case "watch" -> watch(rest);
                case "list" -> list();
                case "next" -> next();
                case "hint" -> hint(rest);
                case "reset" -> reset(rest);
                case "solution" -> solution(rest);
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            System.err.println("workshop: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("workshop: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("workshop: " + e.getCause().getMessage());
            return 1;
        }
    }

    private int usage() {
        out.println("""
                usage: ./workshop list              every exercise with its status, and your progress
                       ./workshop check             the exercises in order, up to the first that fails
                       ./workshop check WHAT        WHAT: an exercise (mount-table), a step (1, step01) or all
                       ./workshop watch [WHAT]      check again on every save (Ctrl-C stops)
                       ./workshop next              the first exercise that does not pass yet
                       ./workshop hint EXERCISE     what to do, where, the hint and the tests
                       ./workshop reset EXERCISE    put the exercise's TODO back
                       ./workshop solution EXERCISE the course's solution, once yours passes""");
        return 2;
    }

    /** The module for {@code 3}, {@code 03}, {@code step03} or {@code step03-busybox-rootfs}, if it is one. */
    Optional<String> module(String step) {
        String wanted = step.matches("[0-9]") ? "step0" + step : step.matches("[0-9][0-9]") ? "step" + step : step;
        return catalog.modules().stream().filter(m -> m.equals(wanted) || Exercise.stepOf(m).equals(wanted)).findFirst();
    }

    private Exercise exercise(String id) {
        return catalog.byId(id).orElseThrow(() -> new IllegalArgumentException("no exercise " + id
                + " (./workshop list names them)"));
    }

    /** The exercises that {@code args} name (exercises, steps, {@code all}), in the course's order. */
    List<Exercise> selected(List<String> args) {
        Set<Exercise> chosen = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.equals("all")) {
                chosen.addAll(catalog.exercises());
            } else if (catalog.byId(arg).isPresent()) {
                chosen.add(catalog.byId(arg).get());
            } else if (module(arg).isPresent()) {
                chosen.addAll(catalog.of(module(arg).get()));
            } else {
                throw new IllegalArgumentException("no exercise or step " + arg + ": the steps are "
                        + String.join(", ", catalog.modules().stream().map(Exercise::stepOf).toList())
                        + "; ./workshop list names the exercises");
            }
        }
        return catalog.exercises().stream().filter(chosen::contains).toList();
    }

    // --- check ----------------------------------------------------------------------------------------

    /** How one exercise stands. {@code detail} says why it fails (a test's message, compile errors). */
    enum Status { PASSED, FAILED, TODO, NOT_COMPILING }

    record Result(Exercise exercise, Status status, List<String> detail, int tests) {
        boolean passed() {
            return status == Status.PASSED;
        }
    }

    private int check(List<String> args) throws IOException {
        compiled.clear();
        if (args.isEmpty()) {
            return checkUntilFirstFailure();
        }
        List<Exercise> exercises = selected(args);
        boolean detailed = args.stream().allMatch(arg -> catalog.byId(arg).isPresent()); // else a line each
        int failed = 0;
        String module = null;
        for (Exercise exercise : exercises) {
            if (!exercise.module().equals(module) && !detailed) {
                module = exercise.module();
                out.println(module);
            }
            Result result = evaluate(exercise);
            if (!result.passed()) {
                failed++;
            }
            if (detailed) {
                report(result);
            } else {
                out.printf("  %-6s %-22s %s%n", result.passed() ? "passed" : "FAILED", exercise.id(),
                        result.passed() ? exercise.title() : result.detail().isEmpty() ? "" : result.detail().get(0));
            }
        }
        out.println();
        out.println(exercises.size() - failed + " passed, " + failed + " failed" + (failed > 0 && !detailed
                ? ": ./workshop check EXERCISE shows one's failure and hint" : ""));
        progressLine();
        return failed == 0 ? 0 : 1;
    }

    /** Check in the course's order and stop at the first exercise that fails: only its failure is shown. */
    private int checkUntilFirstFailure() throws IOException {
        List<String> passed = new ArrayList<>();
        for (Exercise exercise : catalog.exercises()) {
            Result result = evaluate(exercise);
            if (result.passed()) {
                passed.add(exercise.id());
                continue;
            }
            if (!passed.isEmpty()) {
                out.println(passed.size() + " passed: " + String.join(", ", passed));
            }
            report(result);
            out.println();
            progressLine();
            return 1;
        }
        out.println("Every exercise passes: " + String.join(", ", passed) + ".");
        progressLine();
        return 0;
    }

    /** Print one exercise's result: a line when it passed; its failure, the hint and where when not. */
    private void report(Result result) {
        Exercise exercise = result.exercise();
        if (result.passed()) {
            out.printf("passed %s (%s): %s (%d tests)%n", exercise.id(), exercise.step(), exercise.title(), result.tests());
            return;
        }
        out.printf("FAILED %s (%s): %s%n", exercise.id(), exercise.step(), exercise.title());
        result.detail().forEach(line -> out.println("  " + line));
        for (String line : Skeleton.wrap("hint: " + Skeleton.plain(exercise.hint()), 100)) {
            out.println("  " + line);
        }
        out.println("  write: " + exercise.where());
    }

    /** Compile the exercise's step if this command has not yet, then run the exercise's tests (unless it passed before, unchanged). */
    Result evaluate(Exercise exercise) throws IOException {
        StepBuild build = build(exercise.module());
        List<String> errors = compiled.get(exercise.module());
        if (errors == null) {
            StepBuild.Outcome outcome = build.update();
            errors = outcome.errors();
            compiled.put(exercise.module(), errors);
        }
        if (!errors.isEmpty()) {
            List<String> detail = new ArrayList<>();
            detail.add(exercise.module() + " does not compile:");
            errors.stream().limit(10).forEach(error -> detail.add("  " + error));
            if (errors.size() > 10) {
                detail.add("  ... and " + (errors.size() - 10) + " more errors");
            }
            return new Result(exercise, Status.NOT_COMPILING, detail, 0);
        }
        String fingerprint = build.fingerprint();
        String[] known = progress.getProperty(exercise.id(), "").split(" ");
        if (known.length == 3 && known[0].equals("passed") && known[1].equals(fingerprint)) {
            return new Result(exercise, Status.PASSED, List.of(), Integer.parseInt(known[2]));
        }
        List<TestRun.Outcome> outcomes = TestRun.run(build.runtimePath(), exercise.tests(), List.of(exercise.id()));
        Result result = judge(exercise, outcomes);
        progress.setProperty(exercise.id(), (result.passed() ? "passed " : "failed ") + fingerprint + " " + outcomes.size());
        saveProgress();
        return result;
    }

    private Result judge(Exercise exercise, List<TestRun.Outcome> outcomes) {
        List<TestRun.Outcome> failures = outcomes.stream().filter(o -> !o.passed()).toList();
        if (outcomes.isEmpty()) {
            return new Result(exercise, Status.FAILED, List.of("no test of this exercise was found: is a test class"
                    + " tagged @Tag(\"" + exercise.id() + "\") still in " + String.join(", ", exercise.testNames()) + "?"), 0);
        }
        if (failures.isEmpty()) {
            return new Result(exercise, Status.PASSED, List.of(), outcomes.size());
        }
        String count = failures.size() + " of " + outcomes.size() + " tests fail";
        Optional<String> other = failures.stream().map(TestRun.Outcome::todoOf)
                .filter(id -> id != null && !id.equals(exercise.id())).findFirst();
        if (failures.stream().allMatch(o -> exercise.id().equals(o.todoOf()))) {
            return new Result(exercise, Status.TODO, List.of("not written yet: the TODO is still there"), outcomes.size());
        }
        if (other.isPresent()) {
            return new Result(exercise, Status.FAILED, List.of(count + ": a test ran into the TODO of exercise " + other.get()
                    + ", which this step's code uses: do " + other.get() + " first"), outcomes.size());
        }
        TestRun.Outcome first = failures.stream().filter(o -> o.todoOf() == null).findFirst().orElse(failures.get(0));
        return new Result(exercise, Status.FAILED, List.of(count + "; the first: " + first.test() + ":", "  " + first.message()),
                outcomes.size());
    }

    private StepBuild build(String module) {
        return builds.computeIfAbsent(module, m -> new StepBuild(root, m, solutionsBefore(m, ".jar"),
                solutionsBefore(m, "-tests.jar"), libraries));
    }

    /** The course's compiled solution ({@code .jar}) or tests ({@code -tests.jar}) of every step before {@code module}, newest first. */
    private List<Path> solutionsBefore(String module, String suffix) {
        List<Path> jars = new ArrayList<>();
        for (String step : catalog.modules()) {
            Path jar = root.resolve(HOME).resolve(SOLUTION_CLASSES).resolve(step + suffix);
            if (step.compareTo(module) < 0 && Files.isRegularFile(jar)) {
                jars.add(0, jar);
            }
        }
        return jars;
    }

    private void saveProgress() throws IOException {
        Path file = root.resolve(HOME).resolve(PROGRESS);
        Path temporary = file.resolveSibling(PROGRESS + ".new");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            progress.store(writer, "each exercise's last check: passed|failed, the SHA-256 of its step's sources, its tests");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // --- list, next, progress -----------------------------------------------------------------------

    /** What {@code list} shows without compiling or running anything: the last check's result, if nothing changed since. */
    String recordedStatus(Exercise exercise) throws IOException {
        if (hasTodo(exercise)) {
            return "todo";
        }
        String[] known = progress.getProperty(exercise.id(), "").split(" ");
        if (known.length == 3 && known[1].equals(build(exercise.module()).fingerprint())) {
            return known[0];
        }
        return known.length == 3 ? "changed" : "written";
    }

    private boolean hasTodo(Exercise exercise) throws IOException {
        for (Region region : exercise.regions()) {
            Path file = root.resolve(region.file());
            if (Files.isRegularFile(file) && Files.readString(file).contains(Exercise.todoPrefix(exercise.id()))) {
                return true;
            }
        }
        return false;
    }

    private int list() throws IOException {
        for (String module : catalog.modules()) {
            out.println(module);
            for (Exercise exercise : catalog.of(module)) {
                out.printf("  %-7s %-22s %s%n", recordedStatus(exercise), exercise.id(), exercise.title());
            }
        }
        out.println();
        out.println("todo: the TODO is still there; written, changed: not checked since; ./workshop check checks");
        progressLine();
        return 0;
    }

    /** {@code Progress: 3/24 exercises pass}, from the recorded results. */
    private void progressLine() throws IOException {
        int passing = 0;
        for (Exercise exercise : catalog.exercises()) {
            if (recordedStatus(exercise).equals("passed")) {
                passing++;
            }
        }
        int all = catalog.exercises().size();
        out.printf("Progress: %d/%d exercises pass%s%n", passing, all, passing == all ? ". Well done." : "");
    }

    private int next() throws IOException {
        for (Exercise exercise : catalog.exercises()) {
            if (!evaluate(exercise).passed()) {
                out.println("Next: " + exercise.id() + " (" + exercise.step() + "): " + exercise.title());
                describe(exercise);
                out.println("  check: ./workshop check " + exercise.id());
                progressLine();
                return 0;
            }
        }
        out.println("Every exercise passes: nothing next. Run a step for real (see the README).");
        progressLine();
        return 0;
    }

    private void describe(Exercise exercise) {
        out.println("  task:  " + String.join("\n         ", Skeleton.wrap(Skeleton.plain(exercise.task()), 100)));
        out.println("  write: " + exercise.where());
    }

    // --- hint, reset, solution ------------------------------------------------------------------------

    private Exercise one(String command, List<String> ids) {
        if (ids.size() != 1) {
            throw new IllegalArgumentException(command + " needs one exercise: ./workshop " + command + " EXERCISE"
                    + " (./workshop list names them)");
        }
        return exercise(ids.get(0));
    }

    private int hint(List<String> ids) {
        Exercise exercise = one("hint", ids);
        out.println(exercise.id() + " (" + exercise.step() + "): " + exercise.title());
        describe(exercise);
        out.println("  hint:  " + String.join("\n         ", Skeleton.wrap(Skeleton.plain(exercise.hint()), 100)));
        out.println("  tests: the tests tagged @Tag(\"" + exercise.id() + "\") in");
        for (String test : exercise.tests()) {
            out.println("         " + exercise.testFile(test));
        }
        out.println("  check: ./workshop check " + exercise.id());
        return 0;
    }

    private int reset(List<String> ids) throws IOException {
        Exercise exercise = one("reset", ids);
        for (Region region : exercise.regions()) {
            Path file = root.resolve(region.file());
            String text = Files.readString(file);
            Files.writeString(file, MethodBody.replace(text, region, (body, indent) -> Skeleton.todo(body, exercise, indent)));
        }
        progress.remove(exercise.id());
        saveProgress();
        out.println(exercise.id() + ": the TODO is back in " + exercise.where());
        return 0;
    }

    private int solution(List<String> ids) throws IOException {
        Exercise exercise = one("solution", ids);
        Result result = evaluate(exercise);
        if (!result.passed()) {
            out.println(exercise.id() + " does not pass yet: its solution is shown once yours passes (./workshop check "
                    + exercise.id() + ")");
            return 1;
        }
        out.println("The course's solution of " + exercise.id() + ", to compare with yours:");
        out.println();
        out.print(solutions(root).getProperty(exercise.id(), "(not in this workspace)\n"));
        return 0;
    }

    /** Write the solutions' text (exercise id to text), deflated, into {@code workspace}. */
    static void writeSolutions(Path workspace, Map<String, String> solutions) throws IOException {
        Properties properties = new Properties();
        properties.putAll(solutions);
        try (OutputStream file = Files.newOutputStream(workspace.resolve(HOME).resolve(SOLUTIONS));
             DeflaterOutputStream deflated = new DeflaterOutputStream(file)) {
            properties.store(deflated, null);
        }
    }

    static Properties solutions(Path workspace) throws IOException {
        Properties properties = new Properties();
        Path file = workspace.resolve(HOME).resolve(SOLUTIONS);
        if (Files.isRegularFile(file)) {
            try (InputStream in = new InflaterInputStream(Files.newInputStream(file))) {
                properties.load(in);
            }
        }
        return properties;
    }

    // --- watch ------------------------------------------------------------------------------------------

    private int watch(List<String> args) throws IOException {
        selected(args); // a bad argument is refused now, not at the first save
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            for (String module : catalog.modules()) {
                register(watcher, root.resolve(module).resolve("src"));
            }
            while (true) {
                if (System.console() != null) {
                    out.print("\033[H\033[2J"); // clear the terminal, as after a fresh start
                }
                long start = System.nanoTime();
                check(args);
                out.printf("(checked in %.1f s) watching your files: save to check again, Ctrl-C to stop%n",
                        (System.nanoTime() - start) / 1e9);
                out.flush();
                awaitChange(watcher);
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Wait for a change of a source file, then for the editor to finish writing (a quiet 150 ms). */
    private void awaitChange(WatchService watcher) throws IOException, InterruptedException {
        boolean changed = false;
        while (!changed) {
            WatchKey key = watcher.take();
            changed = handle(watcher, key);
        }
        for (WatchKey key = watcher.poll(150, TimeUnit.MILLISECONDS); key != null; key = watcher.poll(150, TimeUnit.MILLISECONDS)) {
            handle(watcher, key);
        }
    }

    /** True when {@code key} reports a change that matters (not an editor's swap file); a new directory is watched too. */
    private boolean handle(WatchService watcher, WatchKey key) throws IOException {
        boolean matters = false;
        Path directory = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (!(event.context() instanceof Path name)) {
                matters = true; // OVERFLOW: events were lost
                continue;
            }
            Path path = directory.resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                register(watcher, path);
            }
            String file = name.toString();
            matters |= !file.startsWith(".") && !file.endsWith("~") && !file.endsWith(".swp");
        }
        key.reset();
        return matters;
    }

    private static void register(WatchService watcher, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path each : tree.filter(Files::isDirectory).toList()) {
                each.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }
}
