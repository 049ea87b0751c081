package jrocker.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One exercise of the course: a region (or a few) of a step's real sources that the learner's workspace
 * replaces with a TODO, and the tests that check it: every test of the step tagged {@code @Tag(id)}.
 *
 * @param id      the exercise's name, also its JUnit tag: lowercase words joined by dashes
 * @param module  the step's module directory, e.g. {@code step01-namespaces}
 * @param title   a short title, as the book and {@code ./workshop check} show it
 * @param task    what to write, in a sentence or two (AsciiDoc inline markup)
 * @param hint    the hint the TODO fails with, and that {@code check} prints while the exercise fails
 * @param where   the methods to write, with their files: {@code CommandLookup.find (step01-namespaces/src/...)}
 * @param regions where the exercise is in the sources; empty when only the catalogue was read
 * @param tests   the test classes that have tests tagged with {@code id}: {@code jrocker.step01.linux.MountTableTest}
 * @param mutants known-wrong variants of the solution that the exercise's tests must reject; empty in a
 *                learner's workspace (each one shows a line of the solution)
 */
public record Exercise(String id, String module, String title, String task, String hint, String where, List<Region> regions,
                       List<String> tests, List<Mutant> mutants) {

    public Exercise {
        regions = List.copyOf(regions);
        tests = List.copyOf(tests);
        mutants = List.copyOf(mutants);
    }

    /** The simple names of {@link #tests}: {@code MountTableTest}. */
    public List<String> testNames() {
        return tests.stream().map(name -> name.substring(name.lastIndexOf('.') + 1)).toList();
    }

    /** The source file of a test class of {@link #tests}, relative to the project. */
    public Path testFile(String testClass) {
        return Path.of(module, "src", "test", "java", testClass.replace('.', '/') + ".java");
    }

    /**
     * A wrong solution that looks right: the solution with the one occurrence of {@code find} in the
     * exercise's regions replaced by {@code replace}. Catalogued as
     * {@code ID.mutant.NAME = FIND => REPLACE}, e.g. {@code cpu-set.mutant.off-by-one = cpu <= last => cpu < last}.
     *
     * @param name    what is wrong, in a few words joined by dashes: {@code off-by-one}, {@code signed-sum}
     */
    public record Mutant(String name, String find, String replace) {
        /** The separator of FIND and REPLACE in the catalogue (Java has no {@code =>}). */
        public static final String ARROW = "=>";
    }

    /** The methods of {@code regions} with their files: {@code MountProc.run, SetHostname.run in step01-.../Stages.java}. */
    public static String where(List<Region> regions) {
        return where(regions, UnaryOperator.identity());
    }

    /** {@link #where(List)} with each method and file formatted by {@code code} (the book puts them in backticks). */
    public static String where(List<Region> regions, UnaryOperator<String> code) {
        Map<Path, List<String>> byFile = new LinkedHashMap<>();
        for (Region region : regions) {
            byFile.computeIfAbsent(region.file(), file -> new ArrayList<>()).add(code.apply(region.where()));
        }
        StringBuilder text = new StringBuilder();
        byFile.forEach((file, methods) -> text.append(text.length() == 0 ? "" : "; ")
                .append(String.join(", ", methods)).append(" in ").append(code.apply(file.toString())));
        return text.toString();
    }

    /** {@code step01} for {@code step01-namespaces}. */
    public String step() {
        return stepOf(module);
    }

    /** {@code step01} for {@code step01-namespaces}. */
    public static String stepOf(String module) {
        int dash = module.indexOf('-');
        return dash < 0 ? module : module.substring(0, dash);
    }

    /** The message of the TODO that replaces the exercise's code in the learner's workspace. */
    public String todoMessage() {
        return todoPrefix(id) + hint;
    }

    /** What a TODO's message has before the exercise's id, and after it: {@code TODO exercise add: }. */
    static final String TODO_BEFORE_ID = "TODO exercise ";
    static final String TODO_AFTER_ID = ": ";

    /** How every TODO's message starts, so {@code check} can tell "not done yet" from a wrong answer. */
    public static String todoPrefix(String id) {
        return TODO_BEFORE_ID + id + TODO_AFTER_ID;
    }
}
