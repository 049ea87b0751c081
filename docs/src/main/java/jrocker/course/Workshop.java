package jrocker.course;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The learner's command in a generated workspace, run by its {@code ./workshop} script after Maven has
 * compiled the step and its tests:
 * <pre>
 *   ./workshop check step03                  every exercise of step03: passed, or failed with its hint
 *   ./workshop check step03 rootfs-resolve   one exercise
 *   ./workshop check                         every step
 *   ./workshop list                          the exercises, step by step
 *   ./workshop hint rootfs-resolve           what to do, where, and the hint
 * </pre>
 * {@code module STEP} prints the module of a step name ({@code 3}, {@code step03} or
 * {@code step03-busybox-rootfs}), for the script. Exit status: 0 when every exercise checked passed,
 * 1 when one failed, 2 for a bad command line.
 */
public final class Workshop {
    /** Where a workspace keeps the course's files, relative to its top directory. */
    public static final Path HOME = Path.of(".workshop");

    private final Path root;
    private final Catalog catalog;
    private final PrintStream out;

    Workshop(Path root, Catalog catalog, PrintStream out) {
        this.root = root;
        this.catalog = catalog;
        this.out = out;
    }

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path catalogue = root.resolve(HOME).resolve("exercises");
        if (!Files.isDirectory(catalogue)) {
            System.err.println("workshop: " + catalogue + " is missing: run this in a workspace made by the course"
                    + " (see the README)");
            System.exit(2);
        }
        System.exit(new Workshop(root, Catalog.readCatalogueOnly(catalogue), System.out).run(List.of(args)));
    }

    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "check" -> check(rest);
                case "list" -> list();
                case "hint" -> hint(rest);
                case "module" -> {
                    out.println(rest.isEmpty() || rest.get(0).equals("all") ? "" : module(rest.get(0)));
                    yield 0;
                }
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            System.err.println("workshop: " + e.getMessage());
            return 2;
        }
    }

    private int usage() {
        out.println("""
                usage: ./workshop check [STEP [EXERCISE...]]   run a step's exercise tests (all steps without STEP)
                       ./workshop list                         the exercises, step by step
                       ./workshop hint EXERCISE                what to do, where, and the hint
                STEP is 1..5, step01 or step01-namespaces.""");
        return 2;
    }

    /** The module for {@code 3}, {@code 03}, {@code step03} or {@code step03-busybox-rootfs}. */
    String module(String step) {
        String wanted = step.matches("[0-9]") ? "step0" + step : step.matches("[0-9][0-9]") ? "step" + step : step;
        for (String module : catalog.modules()) {
            if (module.equals(wanted) || Exercise.stepOf(module).equals(wanted)) {
                return module;
            }
        }
        throw new IllegalArgumentException("no step " + step + ": the steps are "
                + String.join(", ", catalog.modules().stream().map(Exercise::stepOf).toList()));
    }

    private int list() {
        for (String module : catalog.modules()) {
            out.println(module);
            for (Exercise exercise : catalog.of(module)) {
                out.printf("  %-22s %s%n", exercise.id(), exercise.title());
            }
        }
        return 0;
    }

    private int hint(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("hint needs an exercise: ./workshop hint EXERCISE (./workshop list names them)");
        }
        for (String id : ids) {
            Exercise exercise = exercise(id);
            out.println(exercise.id() + ": " + exercise.title() + " (" + exercise.step() + ")");
            out.println("  task:  " + Skeleton.plain(exercise.task()));
            out.println("  where: " + exercise.where());
            out.println("  hint:  " + Skeleton.plain(exercise.hint()));
        }
        return 0;
    }

    private Exercise exercise(String id) {
        return catalog.byId(id).orElseThrow(() -> new IllegalArgumentException("no exercise " + id
                + " (./workshop list names them)"));
    }

    private int check(List<String> args) {
        List<String> modules = args.isEmpty() || args.get(0).equals("all") ? catalog.modules() : List.of(module(args.get(0)));
        List<String> only = args.size() > 1 ? args.subList(1, args.size()) : List.of();
        for (String id : only) {
            if (!exercise(id).module().equals(modules.get(0))) {
                throw new IllegalArgumentException("exercise " + id + " belongs to " + exercise(id).step() + ", not " + Exercise.stepOf(modules.get(0)));
            }
        }
        int passed = 0;
        int failed = 0;
        for (String module : modules) {
            List<Exercise> exercises = catalog.of(module).stream()
                    .filter(e -> only.isEmpty() || only.contains(e.id())).toList();
            Path tests = Proof.testClasses(root, module);
            if (!Files.isDirectory(tests)) {
                throw new IllegalArgumentException(tests + " is missing: compile first (./workshop check compiles for you)");
            }
            List<TestRun.Outcome> outcomes = TestRun.run(Proof.testRunPath(root, module), tests, exercises.stream().map(Exercise::id).toList());
            out.println(module);
            for (Exercise exercise : exercises) {
                List<TestRun.Outcome> own = outcomes.stream().filter(o -> o.tags().contains(exercise.id())).toList();
                if (report(exercise, own)) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        out.println();
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** Print one exercise's result; true when it passed. */
    private boolean report(Exercise exercise, List<TestRun.Outcome> outcomes) {
        List<TestRun.Outcome> failures = outcomes.stream().filter(o -> !o.passed()).toList();
        if (outcomes.isEmpty()) {
            out.printf("  FAILED %-22s %s%n", exercise.id(), exercise.title());
            out.println("         no test of this exercise was found: did a test class stop compiling?");
            return false;
        }
        if (failures.isEmpty()) {
            out.printf("  passed %-22s %s (%d tests)%n", exercise.id(), exercise.title(), outcomes.size());
            return true;
        }
        out.printf("  FAILED %-22s %s (%d of %d tests fail)%n", exercise.id(), exercise.title(), failures.size(), outcomes.size());
        Optional<String> other = failures.stream().map(TestRun.Outcome::todoOf)
                .filter(id -> id != null && !id.equals(exercise.id())).findFirst();
        if (failures.stream().allMatch(o -> exercise.id().equals(o.todoOf()))) {
            out.println("         not written yet: the TODO is still in " + exercise.where());
        } else if (other.isPresent()) {
            out.println("         it needs exercise " + other.get() + " first: a test ran into its TODO");
        } else {
            TestRun.Outcome first = failures.stream().filter(o -> o.todoOf() == null).findFirst().orElse(failures.get(0));
            out.println("         " + first.test() + ": " + first.message());
        }
        for (String line : Skeleton.wrap("hint: " + Skeleton.plain(exercise.hint()), 100)) {
            out.println("         " + line);
        }
        return false;
    }
}
