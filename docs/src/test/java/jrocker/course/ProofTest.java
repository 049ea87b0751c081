package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof catches what it must, on a small made-up course: an exercise whose test passes on its TODO,
 * an exercise no test checks, a step with too few exercises; and it accepts a good exercise.
 */
class ProofTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** A step with three exercises: {@code add} is tested properly, {@code twice} by a test that cannot fail, {@code zero} by none. */
    private void course() throws IOException {
        write("step01-demo/pom.xml", "<project/>\n");
        write("step01-demo/src/main/java/jrocker/step01demo/Numbers.java", """
                package jrocker.step01demo;

                public final class Numbers {
                    public static int add(int a, int b) {
                        // tag::exercise-add[]
                        return a + b;
                        // end::exercise-add[]
                    }

                    public static int twice(int a) {
                        // tag::exercise-twice[]
                        return 2 * a;
                        // end::exercise-twice[]
                    }

                    public static int zero() {
                        // tag::exercise-zero[]
                        return 0;
                        // end::exercise-zero[]
                    }
                }
                """);
        write("docs/src/course/step01-demo.properties", """
                exercises = add, twice, zero
                add.title = Add
                add.task = Add two numbers.
                add.hint = a + b
                add.mutant.subtracts = a + b => a - b
                twice.title = Twice
                twice.task = Double a number.
                twice.hint = 2 * a
                twice.mutant.adds = 2 * a => a + a
                zero.title = Zero
                zero.task = Return zero.
                zero.hint = 0
                """);
        Map<Path, String> tests = Map.of(Path.of("NumbersTest.java"), """
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
                    void checksNothing() {
                        Assertions.assertTrue(true);
                    }
                }
                """);
        Path classes = Files.createDirectories(root.resolve("step01-demo/target/classes"));
        Path testClasses = Files.createDirectories(root.resolve("step01-demo/target/test-classes"));
        assertEquals(List.of(), Javac.compile(Map.of(Path.of("Numbers.java"),
                Files.readString(root.resolve("step01-demo/src/main/java/jrocker/step01demo/Numbers.java"))), TestClassPath.libraries(), classes));
        List<Path> testPath = new java.util.ArrayList<>(List.of(classes));
        testPath.addAll(TestClassPath.libraries());
        assertEquals(List.of(), Javac.compile(tests, testPath, testClasses));
    }

    @Test
    void aTestThatPassesOnTheTodoAndAnUntestedExerciseFailTheProof() throws IOException {
        course();

        Proof.Report report = Proof.run(root, Catalog.read(root), TestClassPath.libraries(), root.resolve("work"));

        assertEquals(List.of(
                "exercise zero (step01-demo): no test checks it; tag its tests with @Tag(\"zero\")",
                "exercise twice: NumbersTest.checksNothing passes on the skeleton, so it does not check the exercise"
                        + " (remove its @Tag(\"twice\"), or make it use the exercise's code)",
                "exercise twice passes untouched: no test fails on its TODO",
                "the tests of exercise twice accept its mutant adds (2 * a => a + a): add a test that this wrong solution fails",
                "exercise zero has no mutant: add zero.mutant.WHAT-IS-WRONG = SOLUTION CODE => WRONG CODE to"
                        + " docs/src/course/step01-demo.properties, a wrong solution its tests must reject"), report.problems());
        assertTrue(report.log().stream().anyMatch(line -> line.matches(" +add +1 tests,  1 fail on the TODO .*")), report.log().toString());
        assertTrue(report.log().stream().anyMatch(line -> line.matches(" +mutant subtracts: 1 of 1 tests reject it .*")), report.log().toString());
    }

    @Test
    void aMutantMustBeCodeOfTheSolutionOnce() throws IOException {
        course();
        write("docs/src/course/step01-demo.properties", Files.readString(root.resolve("docs/src/course/step01-demo.properties"))
                .replace("add.mutant.subtracts = a + b => a - b", "add.mutant.subtracts = a * b => a - b"));

        Proof.Report report = Proof.run(root, Catalog.read(root), TestClassPath.libraries(), root.resolve("work"));

        assertTrue(report.problems().contains("mutant subtracts of exercise add: the solution's regions have its code nowhere,"
                + " not once: \"a * b\""), report.problems().toString());
    }

    @Test
    void aStepsTestsRunWithTheEarlierStepsTestHelpersBehindAllMainClasses() throws IOException {
        for (String step : List.of("step01-a", "step02-b", "step03-c")) {
            write(step + "/pom.xml", "<project/>\n");
        }
        Path first = root.resolve("step01-a/target");
        Path second = root.resolve("step02-b/target");
        // A step's own classes come before any test helper of an earlier step; a later step's are not there.
        assertEquals(List.of(second.resolve("test-classes"), second.resolve("classes"), first.resolve("classes"),
                first.resolve("test-classes")), Proof.testRunPath(root, "step02-b"));
        assertEquals(List.of(first.resolve("test-classes"), first.resolve("classes")), Proof.testRunPath(root, "step01-a"));
    }

    @Test
    void aStepNeedsThreeExercises() throws IOException {
        course();
        // step01-demo without its exercise zero: two exercises, one too few; and step02-more with none
        dropLines("step01-demo/src/main/java/jrocker/step01demo/Numbers.java", "::exercise-zero[]");
        dropLines("docs/src/course/step01-demo.properties", "zero.");
        write("docs/src/course/step01-demo.properties", Files.readString(root.resolve("docs/src/course/step01-demo.properties"))
                .replace("exercises = add, twice, zero", "exercises = add, twice"));
        write("step02-more/pom.xml", "<project/>\n");
        Catalog catalog = Catalog.read(root);
        assertEquals(List.of("add", "twice"), catalog.of("step01-demo").stream().map(Exercise::id).toList());

        Proof.Report report = Proof.run(root, catalog, TestClassPath.libraries(), root.resolve("work"));

        assertTrue(report.problems().contains("step01-demo has 2 exercises; every step needs at least 3"), report.problems().toString());
        assertTrue(report.problems().contains("step02-more has 0 exercises; every step needs at least 3"), report.problems().toString());
    }

    /** Rewrite the made-up course's file {@code path} without its lines that contain {@code text}. */
    private void dropLines(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.writeString(file, Files.readString(file).lines().filter(line -> !line.contains(text))
                .map(line -> line + "\n").collect(java.util.stream.Collectors.joining()));
    }

    @Test
    void theSkeletonReplacesTheBodyWithATodoThatFailsWithTheHint() throws IOException {
        course();
        Catalog catalog = Catalog.read(root);

        String skeleton = Skeleton.files(root, catalog.of("step01-demo")).get(Path.of("step01-demo/src/main/java/jrocker/step01demo/Numbers.java"));

        assertTrue(skeleton.contains("""
                    public static int add(int a, int b) {
                        // TODO exercise add: Add.
                        //   Hint: a + b
                        //   Check: ./workshop check add
                        throw new UnsupportedOperationException("TODO exercise add: a + b");
                    }
                """), skeleton);
        assertTrue(!skeleton.contains("tag::") && !skeleton.contains("return 2 * a;"), skeleton);
        assertEquals("Numbers.add in step01-demo/src/main/java/jrocker/step01demo/Numbers.java", catalog.byId("add").orElseThrow().where());
    }

    @Test
    void markersAndCatalogueMustAgree() throws IOException {
        course();
        write("step01-demo/src/main/java/jrocker/step01demo/More.java", """
                package jrocker.step01demo;

                final class More {
                    static int one() {
                        // tag::exercise-one[]
                        return 1;
                    }
                    static int two() {
                        return 2;
                        // end::exercise-two[]
                    }
                }
                """);
        write("docs/src/course/step01-demo.properties", Files.readString(root.resolve("docs/src/course/step01-demo.properties"))
                .replace("exercises = add, twice, zero", "exercises = add, twice, zero, three") + "three.title = x\nthree.task = x\nthree.hint = x\n");

        CourseException e = assertThrows(CourseException.class, () -> Catalog.read(root));

        assertEquals("""
                the exercises are not consistent:
                  step01-demo/src/main/java/jrocker/step01demo/More.java:10: end of exercise two inside exercise one
                  step01-demo/src/main/java/jrocker/step01demo/More.java:5: exercise one has no // end::exercise-one[]
                  exercise three is in docs/src/course/step01-demo.properties but no source of step01-demo marks it\
                 (// tag::exercise-three[] ... // end::exercise-three[])""", e.getMessage());
    }
}
