package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> libraries = Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();

        long start = System.nanoTime();
        Proof.Report report = Proof.run(root, Catalog.read(root), libraries, work);
        report.log().forEach(line -> System.out.println("proof: " + line));
        System.out.printf("proof: %d exercises proved in %.1f s%n", Catalog.read(root).exercises().size(), (System.nanoTime() - start) / 1e9);

        assertEquals("", String.join("\n", report.problems()), "the exercises are not what the course needs");
    }
}
