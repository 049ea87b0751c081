package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The course's proof, in the build ({@code ./mvnw verify}, which CI runs): every exercise compiles as a
 * TODO, its tests fail on the TODO and pass on the solution, and each step has enough exercises. See
 * {@link Proof}. Needs the steps' classes and test classes built first, as the reactor does.
 */
class ExercisesProofTest {

    @Test
    void everyExerciseFailsOnItsTodoAndPassesOnTheSolution() {
        Path root = Path.of(System.getProperty("jrocker.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("jrocker.proof.work", "target/proof"));

        long start = System.nanoTime();
        Catalog catalog = Catalog.read(root);
        Proof.Report report = Proof.run(root, catalog, TestClassPath.libraries(), work);
        report.log().forEach(line -> System.out.println("proof: " + line));
        System.out.printf("proof: %d exercises proved in %.1f s%n", catalog.exercises().size(), (System.nanoTime() - start) / 1e9);

        assertEquals("", String.join("\n", report.problems()), "the exercises are not what the course needs");
    }
}
