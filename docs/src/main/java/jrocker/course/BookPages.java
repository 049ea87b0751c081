package jrocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The book's pages about the exercises, written from the catalogue and the markers before the book is
 * rendered, so the book cannot list an exercise that does not exist or miss one that does:
 * {@code exercises/stepNN-name.adoc} for each chapter's Exercises section, and {@code exercises/all.adoc},
 * a table of every exercise for the teacher's guide.
 */
public final class BookPages {
    private BookPages() {
    }

    public static void write(Path root, Catalog catalog, Path out) throws IOException {
        Files.createDirectories(out);
        for (String module : catalog.modules()) {
            Files.writeString(out.resolve(module + ".adoc"), chapter(root, catalog, module));
        }
        Files.writeString(out.resolve("all.adoc"), table(catalog));
    }

    static String chapter(Path root, Catalog catalog, String module) {
        String step = Exercise.stepOf(module);
        StringBuilder page = new StringBuilder();
        page.append("// Written by jrocker.course.BookPages from docs/src/course/").append(module)
                .append(".properties and the exercise markers in ").append(module).append("'s sources.\n\n");
        // Tags, so a chapter can take some of a step's exercises (step05's are in two chapters): tags=intro;ID;...
        page.append("// tag::intro[]\n");
        page.append("In your workspace (see <<exercises-workspace>>) each of these is a method body replaced by a TODO")
                .append(" that fails with the hint. `./workshop check ").append(step)
                .append("` compiles the step and runs the exercises' tests: no root needed.\n\n");
        page.append("// end::intro[]\n");
        for (Exercise exercise : catalog.of(module)) {
            page.append("// tag::").append(exercise.id()).append("[]\n");
            page.append("[[exercise-").append(exercise.id()).append("]]\n");
            page.append("=== ").append(exercise.title()).append("\n\n");
            page.append(exercise.task()).append("\n\n");
            page.append("[horizontal]\n");
            page.append("Write:: ").append(Exercise.where(exercise.regions(), code -> "`" + code + "`")).append('\n');
            page.append("Tests:: ").append(String.join(", ", testClasses(root, module, exercise.id()).stream()
                    .map(name -> "`" + name + "`").toList())).append(" (tag `").append(exercise.id()).append("`)\n");
            page.append("Check:: `./workshop check ").append(step).append(' ').append(exercise.id()).append("`\n\n");
            page.append("TIP: ").append(exercise.hint()).append("\n\n");
            page.append("// end::").append(exercise.id()).append("[]\n");
        }
        return page.toString();
    }

    static String table(Catalog catalog) {
        StringBuilder page = new StringBuilder();
        page.append("// Written by jrocker.course.BookPages from the exercise catalogue.\n\n");
        page.append("[cols=\"1,2,4\",options=\"header\"]\n|===\n| Step | Exercise | What the learner writes\n\n");
        for (Exercise exercise : catalog.exercises()) {
            page.append("| ").append(exercise.step()).append(" | <<exercise-").append(exercise.id()).append(",`")
                    .append(exercise.id()).append("`>> | ").append(exercise.title()).append(": `")
                    .append(exercise.regions().stream().map(Region::where).distinct().reduce((a, b) -> a + "`, `" + b).orElse(""))
                    .append("`\n");
        }
        page.append("|===\n");
        return page.toString();
    }

    /** The simple names of the test classes in {@code module} that mention {@code @Tag("id")}. */
    static List<String> testClasses(Path root, String module, String id) {
        Path tests = root.resolve(module).resolve("src/test/java");
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (Files.readString(file).contains("@Tag(\"" + id + "\")")) {
                    names.add(file.getFileName().toString().replace(".java", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
