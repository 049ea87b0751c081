package jrocker.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The course's build steps, run by the docs module's build (exec-maven-plugin, in Maven's JVM: so this
 * never calls System.exit, it throws):
 * <pre>
 *   book ROOT OUT                              the chapters' Exercises sections, the learner's sources (OUT/learner-root),
 *                                              the CLI reference, the completion script
 *   workspace ROOT OUT LIBDIR COURSEJAR COMPLETION BOOK BOOKPDF   the learner's workspace
 * </pre>
 */
public final class Course {
    /** Where, in the generated docs, the learner's book finds the project (see {@link BookPages#writeLearnerRoot}). */
    public static final String LEARNER_ROOT = "learner-root";

    private Course() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("book")) {
            Path root = Path.of(args[1]).toAbsolutePath().normalize();
            Path out = Files.createDirectories(Path.of(args[2]));
            Catalog catalog = Catalog.read(root);
            BookPages.write(root, catalog, out.resolve("exercises"));
            BookPages.writeLearnerRoot(root, catalog, out.resolve(LEARNER_ROOT));
            CliReference.write(out);
        } else if (args.length == 8 && args[0].equals("workspace")) {
            Path root = Path.of(args[1]).toAbsolutePath().normalize();
            List<Path> libraries = new ArrayList<>();
            try (Stream<Path> jars = Files.list(Path.of(args[3]))) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(libraries::add);
            }
            libraries.add(Path.of(args[4]));
            Workspace.write(root, Catalog.read(root), Path.of(args[2]), libraries, Path.of(args[5]), Path.of(args[6]),
                    Path.of(args[7]));
        } else {
            throw new IllegalArgumentException("usage: book ROOT OUT | workspace ROOT OUT LIBDIR COURSEJAR COMPLETION BOOK BOOKPDF");
        }
    }
}
