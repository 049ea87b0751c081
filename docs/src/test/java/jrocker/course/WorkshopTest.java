package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner's loop on a made-up course of two steps, in a workspace written by {@link Workspace}: list
 * with progress, check (none, an exercise, a step, all), next, hint, reset, solution, and what check
 * compiles again. Step 2's exercise uses step 1's code, which is still a TODO in the workspace: it passes
 * anyway, with the course's solution of step 1.
 */
class WorkshopTest {
    @TempDir
    Path root;
    @TempDir
    Path home;
    Path workspace;

    private static final String NUMBERS = "step01-demo/src/main/java/jrocker/step01demo/Numbers.java";
    private static final String SUMS = "step02-demo/src/main/java/jrocker/step02demo/Sums.java";

    private void write(Path base, String path, String text) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeEach
    void course() throws IOException {
        write(root, "pom.xml", "<project>\n  <modules>\n    <module>docs</module>\n  </modules>\n</project>\n");
        write(root, "mvnw", "#!/bin/sh\n");
        write(root, ".mvn/wrapper/maven-wrapper.properties", "\n");
        write(root, "jrocker", "#!/bin/sh\n");
        write(root, "docs/src/docs/asciidoc/transcripts/demo.txt", "$ true\n");
        write(root, "book/index.html", "<html>the learner's book</html>\n");
        write(root, "book-pdf/index.pdf", "%PDF\n");
        write(root, "completion.bash", "\n");
        write(root, "step01-demo/pom.xml", "<project/>\n");
        write(root, NUMBERS, """
                package jrocker.step01demo;

                public final class Numbers {
                    public static int add(int a, int b) {
                        // tag::exercise-add[]
                        return a + b;
                        // end::exercise-add[]
                    }

                    public static int twice(int a) {
                        // tag::exercise-twice[]
                        return add(a, a);
                        // end::exercise-twice[]
                    }
                }
                """);
        write(root, "step01-demo/src/main/java/jrocker/step01demo/Names.java", """
                package jrocker.step01demo;

                public final class Names {
                    public static String of(int number) {
                        return number == Numbers.twice(1) ? "two" : "some";
                    }
                }
                """);
        write(root, "step01-demo/src/test/java/jrocker/step01demo/NumbersTest.java", """
                package jrocker.step01demo;

                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Tag;
                import org.junit.jupiter.api.Test;

                class NumbersTest {
                    @Tag("add")
                    @Test
                    void addsTwoNumbers() {
                        Assertions.assertEquals(5, Numbers.add(2, 3));
                    }

                    @Tag("twice")
                    @Test
                    void doubles() {
                        Assertions.assertEquals(8, Numbers.twice(4));
                    }
                }
                """);
        write(root, "step02-demo/pom.xml", "<project/>\n");
        write(root, SUMS, """
                package jrocker.step02demo;

                import jrocker.step01demo.Numbers;

                public final class Sums {
                    public static int sumOfTwice(int a, int b) {
                        // tag::exercise-sum[]
                        return Numbers.add(Numbers.twice(a), b);
                        // end::exercise-sum[]
                    }
                }
                """);
        write(root, "step02-demo/src/test/java/jrocker/step02demo/SumsTest.java", """
                package jrocker.step02demo;

                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Tag;
                import org.junit.jupiter.api.Test;

                class SumsTest {
                    @Tag("sum")
                    @Test
                    void addsTwiceTheFirst() {
                        Assertions.assertEquals(7, Sums.sumOfTwice(2, 3));
                    }
                }
                """);
        write(root, "docs/src/course/step01-demo.properties", """
                exercises = add, twice
                add.title = Add
                add.task = Add two numbers.
                add.hint = a + b
                add.mutant.subtracts = a + b => a - b
                twice.title = Twice
                twice.task = Double a number.
                twice.hint = add it to itself
                twice.mutant.once = add(a, a) => a
                """);
        write(root, "docs/src/course/step02-demo.properties", """
                exercises = sum
                sum.title = Sum
                sum.task = Twice the first plus the second.
                sum.hint = use add and twice
                sum.mutant.once = Numbers.twice(a) => a
                """);
        // The course's build: step01's solution compiled (the workspace ships it for step02's checks).
        Path classes = Files.createDirectories(root.resolve("step01-demo/target/classes"));
        assertEquals(List.of(), Javac.compile(Map.of(
                Path.of("Numbers.java"), Files.readString(root.resolve(NUMBERS)),
                Path.of("Names.java"), Files.readString(root.resolve("step01-demo/src/main/java/jrocker/step01demo/Names.java"))),
                TestClassPath.libraries(), classes));
        workspace = home.resolve("workshop");
        Workspace.write(root, Catalog.read(root), workspace, List.of(), root.resolve("completion.bash"), root.resolve("book"),
                root.resolve("book-pdf"));
    }

    private record Run(int status, String output) {
    }

    private Run workshop(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Catalog catalog = Catalog.readCatalogueOnly(workspace.resolve(".workshop/exercises"));
        int status = new Workshop(workspace, catalog, new PrintStream(bytes, true, StandardCharsets.UTF_8), TestClassPath.libraries())
                .run(List.of(args));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    /** The learner writes an exercise: here, the course's own file. */
    private void solve(String file) throws IOException {
        Files.copy(root.resolve(file), workspace.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theWorkspaceHasTheBookTheTodosAndNoSolutionInItsSources() throws IOException {
        assertTrue(Files.isRegularFile(workspace.resolve("book/index.html")));
        assertTrue(Files.isRegularFile(workspace.resolve("book/index.pdf")));
        String numbers = Files.readString(workspace.resolve(NUMBERS));
        assertTrue(numbers.contains("throw new UnsupportedOperationException(\"TODO exercise add: a + b\");"), numbers);
        assertFalse(numbers.contains("return a + b;") || numbers.contains("return add(a, a);"), numbers);
    }

    @Test
    void listShowsEachExercisesStatusAndTheProgress() throws IOException {
        Run fresh = workshop("list");
        assertEquals(0, fresh.status());
        assertTrue(fresh.output().contains("step01-demo\n  todo    add "), fresh.output());
        assertTrue(fresh.output().contains("Progress: 0/3 exercises pass"), fresh.output());

        solve(NUMBERS);
        assertTrue(workshop("list").output().contains("  written add "), "written, not checked yet");
        workshop("check", "add");
        Run after = workshop("list");
        assertTrue(after.output().contains("  passed  add "), after.output());
        assertTrue(after.output().contains("  written twice "), after.output());
        assertTrue(after.output().contains("Progress: 1/3 exercises pass"), after.output());
    }

    @Test
    void checkWithoutArgumentStopsAtTheFirstFailingExerciseAndShowsOnlyIt() {
        Run run = workshop("check");

        assertEquals(1, run.status());
        assertTrue(run.output().startsWith("FAILED add (step01): Add\n  not written yet: the TODO is still there\n  hint: a + b\n"),
                run.output());
        assertFalse(run.output().contains("twice") || run.output().contains("sum"), run.output());
        assertTrue(run.output().endsWith("Progress: 0/3 exercises pass\n"), run.output());
    }

    @Test
    void aLaterStepIsCheckedWithTheSolutionOfTheStepsBeforeIt() throws IOException {
        solve(SUMS); // step01's add and twice are still TODOs in the workspace

        Run run = workshop("check", "sum");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().startsWith("passed sum (step02): Sum (1 tests)\n"), run.output());
    }

    @Test
    void checkTakesAnExerciseAStepOrAll() throws IOException {
        solve(NUMBERS);

        Run step = workshop("check", "step01");
        assertEquals(0, step.status(), step.output());
        assertTrue(step.output().startsWith("step01-demo\n  passed add                    Add\n  passed twice "), step.output());
        assertTrue(step.output().contains("\n2 passed, 0 failed\n"), step.output());

        Run all = workshop("check", "all");
        assertEquals(1, all.status(), all.output());
        assertTrue(all.output().contains("step02-demo\n  FAILED sum                    not written yet: the TODO is still there\n"),
                all.output());
        assertTrue(all.output().contains("\n2 passed, 1 failed: ./workshop check EXERCISE shows one's failure and hint\n"),
                all.output());

        assertEquals(0, workshop("check", "1").status());
        assertEquals(2, workshop("check", "step09").status());
        assertEquals(2, workshop("check", "nosuch").status());
    }

    @Test
    void aWrongSolutionShowsTheFailingTestAndTheHint() throws IOException {
        Files.writeString(workspace.resolve(NUMBERS), Files.readString(root.resolve(NUMBERS)).replace("return a + b;", "return a - b;"));

        Run run = workshop("check", "add");

        assertEquals(1, run.status());
        assertTrue(run.output().contains("FAILED add (step01): Add\n  1 of 1 tests fail; the first: NumbersTest.addsTwoNumbers:\n"
                + "    expected: <5> but was: <-1>\n  hint: a + b\n"), run.output());
    }

    @Test
    void aCompileErrorIsShownWithItsFileAndLine() throws IOException {
        Files.writeString(workspace.resolve(NUMBERS), Files.readString(root.resolve(NUMBERS)).replace("return a + b;", "return a +;"));

        Run run = workshop("check", "add");

        assertEquals(1, run.status());
        assertTrue(run.output().contains("step01-demo does not compile:\n    " + NUMBERS + ":6: "), run.output());
    }

    @Test
    void nextNamesTheFirstExerciseThatDoesNotPass() throws IOException {
        solve(NUMBERS);
        Run run = workshop("next");
        assertEquals(0, run.status());
        assertTrue(run.output().startsWith("Next: sum (step02): Sum\n  task:  Twice the first plus the second.\n"), run.output());
    }

    @Test
    void hintNamesTheTests() {
        Run run = workshop("hint", "twice");
        assertEquals(0, run.status());
        assertTrue(run.output().contains("  hint:  add it to itself\n"), run.output());
        assertTrue(run.output().contains("step01-demo/src/test/java/jrocker/step01demo/NumbersTest.java"), run.output());
        assertTrue(run.output().contains("  check: ./workshop check twice\n"), run.output());
    }

    @Test
    void theSolutionIsShownOnlyOnceTheExercisePasses() throws IOException {
        Run before = workshop("solution", "add");
        assertEquals(1, before.status());
        assertFalse(before.output().contains("a + b;"), before.output());

        solve(NUMBERS);
        Run after = workshop("solution", "add");
        assertEquals(0, after.status(), after.output());
        assertTrue(after.output().contains("public static int add(int a, int b) {\n    return a + b;\n}\n"), after.output());
    }

    @Test
    void resetPutsTheTodoBackAndKeepsTheOtherExercises() throws IOException {
        solve(NUMBERS);
        assertEquals(0, workshop("check", "step01").status());

        Run reset = workshop("reset", "add");

        assertEquals(0, reset.status());
        String numbers = Files.readString(workspace.resolve(NUMBERS));
        assertTrue(numbers.contains("""
                    public static int add(int a, int b) {
                        // TODO exercise add: Add.
                        //   Hint: a + b
                        //   Check: ./workshop check add
                        throw new UnsupportedOperationException("TODO exercise add: a + b");
                    }
                """), numbers);
        assertTrue(numbers.contains("return add(a, a);"), "twice keeps the learner's code: " + numbers);
        assertTrue(workshop("check", "add").output().contains("not written yet"));
    }

    @Test
    void onlyTheChangedFileIsCompiledAgainUnlessItsInterfaceChanged() throws IOException {
        List<Path> solutionOfStep01 = List.of();
        StepBuild build = new StepBuild(workspace, "step01-demo", solutionOfStep01, List.of(), TestClassPath.libraries());
        assertEquals(3, build.update().compiled(), "the first time: both main files and the test");
        assertEquals(0, build.update().compiled(), "nothing changed");

        solve(NUMBERS); // bodies only
        assertEquals(1, build.update().compiled());

        Path numbers = workspace.resolve(NUMBERS);
        Files.writeString(numbers, Files.readString(numbers).replace("public final class Numbers {",
                "public final class Numbers {\n    public static int three() {\n        return 3;\n    }\n"));
        assertEquals(1 + 2 + 1, build.update().compiled(), "a new public method: the file, then the whole step and its tests");

        List<String> lines = new ArrayList<>(Files.readAllLines(numbers));
        lines.add("// a comment");
        Files.write(numbers, lines);
        StepBuild.Outcome outcome = build.update();
        assertEquals(1, outcome.compiled());
        assertTrue(outcome.compiles());
    }
}
