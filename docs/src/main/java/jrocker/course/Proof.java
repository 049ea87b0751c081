package jrocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proof that the exercises work, run by the build: for each step,
 * <ol>
 *   <li>the step has at least {@value #MIN_EXERCISES} exercises;</li>
 *   <li>on the solution (the step's real classes) every exercise has at least one test, and all pass;</li>
 *   <li>the step's whole skeleton (every exercise replaced by its TODO) compiles;</li>
 *   <li>for each exercise alone: its skeleton compiles, and <em>every</em> test tagged with it fails there.
 *       A test that passes on the TODO does not check the exercise, and an exercise whose tests all pass
 *       untouched is no exercise: both fail the build.</li>
 *   <li>each exercise has at least one mutant in the catalogue (a known-wrong solution: an off-by-one, a
 *       signed sum, a missing flag; see {@link Exercise.Mutant}), each mutant compiles, and the exercise's
 *       tests reject it: at least one of them fails. Tests that accept a wrong solution are too weak.</li>
 * </ol>
 * Skeleton files are compiled in this JVM with javax.tools against the step's built classes, and the
 * tagged tests run in this JVM with the JUnit Platform Launcher, the skeleton's classes in front of the
 * solution's: no Maven run per exercise.
 */
public final class Proof {
    /** The rule: at least three exercises per step. */
    public static final int MIN_EXERCISES = 3;

    /** What the proof found: {@code problems} fail the build; {@code log} says what was checked and how long it took. */
    public record Report(List<String> problems, List<String> log) {
    }

    private Proof() {
    }

    /** The classes directories of {@code module} and of every step before it, newest first. */
    public static List<Path> classDirectories(Path root, String module) {
        List<Path> directories = new ArrayList<>();
        for (String step : Catalog.stepModules(root)) {
            if (step.compareTo(module) <= 0) {
                directories.add(0, root.resolve(step).resolve("target/classes"));
            }
        }
        return directories;
    }

    /** Where Maven compiled {@code module}'s tests. */
    public static Path testClasses(Path root, String module) {
        return root.resolve(module).resolve("target/test-classes");
    }

    /**
     * What {@code module}'s tests run with: its test classes, the classes of it and of every step before it,
     * then the earlier steps' test classes (their test-jars in the build: the recording syscall doubles and
     * fixtures that later steps' tests use).
     */
    public static List<Path> testRunPath(Path root, String module) {
        List<Path> path = new ArrayList<>();
        path.add(testClasses(root, module));
        path.addAll(classDirectories(root, module));
        for (String step : Catalog.stepModules(root)) {
            if (step.compareTo(module) < 0) {
                path.add(testClasses(root, step));
            }
        }
        return path;
    }

    /**
     * Prove every exercise of {@code catalog}. {@code libraries} is the class path the steps' code needs
     * besides the steps (JNA, picocli, JUnit, QuickTheories: this JVM's class path will do).
     */
    public static Report run(Path root, Catalog catalog, List<Path> libraries, Path work) {
        List<String> problems = new ArrayList<>();
        List<String> log = new ArrayList<>();
        for (String module : Catalog.stepModules(root)) {
            List<Exercise> exercises = catalog.of(module);
            if (exercises.size() < MIN_EXERCISES) {
                problems.add(module + " has " + exercises.size() + " exercises; every step needs at least " + MIN_EXERCISES);
            }
            if (exercises.isEmpty()) {
                continue;
            }
            Path tests = testClasses(root, module);
            if (!Files.isDirectory(tests)) {
                throw new CourseException(tests + " is missing: build the steps and their tests first (./mvnw -pl docs -am verify)");
            }
            List<Path> classes = classDirectories(root, module);
            List<Path> stepPath = testRunPath(root, module);
            List<Path> compilePath = new ArrayList<>(classes);
            compilePath.addAll(libraries);

            long start = System.nanoTime();
            List<TestRun.Outcome> solution = TestRun.run(stepPath, tests,
                    exercises.stream().map(Exercise::id).toList());
            log.add(String.format("%s: %d tagged tests on the solution in %.1f s", module, solution.size(), seconds(start)));
            for (Exercise exercise : exercises) {
                List<TestRun.Outcome> own = solution.stream().filter(o -> o.tags().contains(exercise.id())).toList();
                if (own.isEmpty()) {
                    problems.add("exercise " + exercise.id() + " (" + module + "): no test checks it; tag its tests"
                            + " with @Tag(\"" + exercise.id() + "\")");
                }
                own.stream().filter(o -> !o.passed()).forEach(o -> problems.add("exercise " + exercise.id() + ": "
                        + o.test() + " fails on the solution: " + o.message()));
            }

            start = System.nanoTime();
            List<String> errors = Javac.compile(Skeleton.files(root, exercises), compilePath,
                    directory(work.resolve(module).resolve("skeleton")));
            if (!errors.isEmpty()) {
                problems.add(module + ": the skeleton does not compile:\n    " + String.join("\n    ", errors));
            }
            log.add(String.format("%s: the skeleton (%d exercises) compiled in %.1f s", module, exercises.size(), seconds(start)));

            for (Exercise exercise : exercises) {
                start = System.nanoTime();
                Path output = directory(work.resolve(module).resolve(exercise.id()));
                errors = Javac.compile(Skeleton.files(root, List.of(exercise)), compilePath, output);
                if (!errors.isEmpty()) {
                    problems.add("exercise " + exercise.id() + ": its skeleton does not compile:\n    " + String.join("\n    ", errors));
                    continue;
                }
                List<Path> skeletonPath = new ArrayList<>();
                skeletonPath.add(output);
                skeletonPath.addAll(stepPath);
                List<TestRun.Outcome> outcomes = TestRun.run(skeletonPath, tests, List.of(exercise.id()));
                long failed = outcomes.stream().filter(o -> !o.passed()).count();
                outcomes.stream().filter(TestRun.Outcome::passed).forEach(o -> problems.add("exercise " + exercise.id()
                        + ": " + o.test() + " passes on the skeleton, so it does not check the exercise"
                        + " (remove its @Tag(\"" + exercise.id() + "\"), or make it use the exercise's code)"));
                if (!outcomes.isEmpty() && failed == 0) {
                    problems.add("exercise " + exercise.id() + " passes untouched: no test fails on its TODO");
                }
                log.add(String.format("  %-22s %2d tests, %2d fail on the TODO (%.1f s)", exercise.id(), outcomes.size(), failed, seconds(start)));
                mutants(root, exercise, compilePath, stepPath, work.resolve(module), problems, log);
            }
        }
        return new Report(problems, log);
    }

    /** Each of {@code exercise}'s mutants compiles and fails at least one of its tests. */
    private static void mutants(Path root, Exercise exercise, List<Path> compilePath, List<Path> stepPath, Path work,
                                List<String> problems, List<String> log) {
        if (exercise.mutants().isEmpty()) {
            problems.add("exercise " + exercise.id() + " has no mutant: add " + exercise.id() + ".mutant.WHAT-IS-WRONG ="
                    + " SOLUTION CODE " + Exercise.Mutant.ARROW + " WRONG CODE to " + Catalog.CATALOGUE.resolve(exercise.module()
                    + ".properties") + ", a wrong solution its tests must reject");
        }
        for (Exercise.Mutant mutant : exercise.mutants()) {
            long start = System.nanoTime();
            String name = "mutant " + mutant.name() + " of exercise " + exercise.id();
            int[] found = {0};
            Map<Path, String> files = Skeleton.files(root, List.of(exercise), (text, ignored, region, lines) -> {
                String body = String.join("\n", lines.subList(region.begin() + 1, region.end()));
                for (int at = body.indexOf(mutant.find()); at >= 0; at = body.indexOf(mutant.find(), at + 1)) {
                    found[0]++;
                }
                text.append(body.replace(mutant.find(), mutant.replace())).append('\n');
            });
            if (found[0] != 1) {
                problems.add(name + ": the solution's regions have its code " + (found[0] == 0 ? "nowhere" : found[0] + " times")
                        + ", not once: \"" + mutant.find() + "\"");
                continue;
            }
            Path output = directory(work.resolve("mutant-" + exercise.id() + "-" + mutant.name()));
            List<String> errors = Javac.compile(files, compilePath, output);
            if (!errors.isEmpty()) {
                problems.add(name + " does not compile:\n    " + String.join("\n    ", errors));
                continue;
            }
            List<Path> mutantPath = new ArrayList<>();
            mutantPath.add(output);
            mutantPath.addAll(stepPath);
            List<TestRun.Outcome> outcomes = TestRun.run(mutantPath, stepPath.get(0), List.of(exercise.id()));
            long rejected = outcomes.stream().filter(o -> !o.passed()).count();
            if (!outcomes.isEmpty() && rejected == 0) {
                problems.add("the tests of exercise " + exercise.id() + " accept its mutant " + mutant.name() + " (" + mutant.find() + " " + Exercise.Mutant.ARROW + " " + mutant.replace()
                        + "): add a test that this wrong solution fails");
            }
            log.add(String.format("  %-22s mutant %s: %d of %d tests reject it (%.1f s)", "", mutant.name(), rejected,
                    outcomes.size(), seconds(start)));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code path} as a new empty directory (what a previous proof left there is deleted). */
    private static Path directory(Path path) {
        Workspace.delete(path);
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }
}
