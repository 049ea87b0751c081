package jrocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the book needs from the course before it is rendered, written from the catalogue and the markers:
 * <ul>
 *   <li>the pages about the exercises, so the book cannot list an exercise that does not exist or miss one
 *       that does: {@code exercises/stepNN-name.adoc} for each chapter's Exercises section, and
 *       {@code exercises/all.adoc}, a table of every exercise for the teacher's guide;</li>
 *   <li>the learner's sources ({@link #writeLearnerRoot}): the project seen through the learner's eyes, every
 *       exercise's body replaced by a placeholder. The learner's book includes its code from there, so a
 *       listing that shows an exercise's method shows its signature and the placeholder, never the solution;
 *       the teachers' edition includes from the real sources.</li>
 * </ul>
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

    /**
     * Write into {@code target} (replaced) the project at {@code root} as the learner's book includes it:
     * each step module's {@code src} copied, every exercise region replaced by {@link Skeleton#placeholder};
     * every other entry of the project and of each step is a symbolic link to the real one, so an include
     * of anything else finds what the teachers' edition finds.
     */
    public static void writeLearnerRoot(Path root, Catalog catalog, Path target) throws IOException {
        Workspace.delete(target);
        Files.createDirectories(target);
        List<String> steps = Catalog.stepModules(root);
        for (Path entry : list(root)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!steps.contains(name)) {
                Files.createSymbolicLink(target.resolve(name), entry.toAbsolutePath());
                continue;
            }
            Path step = Files.createDirectories(target.resolve(name));
            for (Path inStep : list(entry)) {
                String child = inStep.getFileName().toString();
                if (child.equals("src")) {
                    Workspace.copyTree(inStep, step.resolve(child));
                } else if (!child.equals("target")) {
                    Files.createSymbolicLink(step.resolve(child), inStep.toAbsolutePath());
                }
            }
        }
        Map<String, String> chapters = chapterTitles(root, catalog);
        for (var file : Skeleton.files(root, catalog.exercises(), (text, exercise, region, lines) ->
                Skeleton.placeholder(text, exercise, chapters.get(exercise.id()), region.indent())).entrySet()) {
            Files.writeString(target.resolve(file.getKey()), file.getValue());
        }
    }

    /** A chapter's include of its step's exercise pages: {@code include::{generated}/exercises/MODULE.adoc[tags=intro;ID;...]}. */
    private static final Pattern EXERCISES_INCLUDE =
            Pattern.compile("^include::\\{generated}/exercises/([\\w-]+)\\.adoc\\[(?:tags=([^\\]]*))?]", Pattern.MULTILINE);

    /**
     * The title of the chapter whose Exercises section asks for each exercise, read from the chapters'
     * includes (step05's exercises are spread over three chapters, so "step05's chapter" would not say which).
     * An exercise that no chapter asks for fails the build: a learner would find its TODO and no task.
     */
    static Map<String, String> chapterTitles(Path root, Catalog catalog) throws IOException {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Path chapter : list(root.resolve("docs/src/docs/asciidoc/chapters"))) {
            String text = Files.readString(chapter);
            Matcher include = EXERCISES_INCLUDE.matcher(text);
            while (include.find()) {
                String title = text.lines().filter(line -> line.startsWith("= ")).findFirst().map(line -> line.substring(2).strip())
                        .orElseThrow(() -> new IllegalStateException(chapter + " asks for exercises but has no title line (= ...)"));
                List<String> ids = include.group(2) == null
                        ? catalog.of(include.group(1)).stream().map(Exercise::id).toList()
                        : List.of(include.group(2).split(";"));
                ids.stream().filter(id -> !id.equals("intro")).forEach(id -> titles.put(id, title));
            }
        }
        List<String> unasked = catalog.exercises().stream().map(Exercise::id).filter(id -> !titles.containsKey(id)).toList();
        if (!unasked.isEmpty()) {
            throw new IllegalStateException("no chapter's Exercises section includes " + unasked
                    + ": add them to the tags of the chapter's include::{generated}/exercises/... line");
        }
        return titles;
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
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
                .append("` compiles the step and runs the exercises' tests, with the course's solution of the steps before")
                .append(" it: no root needed, and no earlier step to finish first.\n\n");
        page.append("// end::intro[]\n");
        for (Exercise exercise : catalog.of(module)) {
            page.append("// tag::").append(exercise.id()).append("[]\n");
            page.append("[[exercise-").append(exercise.id()).append("]]\n");
            page.append("=== ").append(exercise.title()).append("\n\n");
            page.append(exercise.task()).append("\n\n");
            page.append("[horizontal]\n");
            page.append("Write:: ").append(Exercise.where(exercise.regions(), code -> "`" + code + "`")).append('\n');
            page.append("Tests:: ").append(String.join(", ", exercise.testNames().stream()
                    .map(name -> "`" + name + "`").toList())).append(" (tag `").append(exercise.id()).append("`)\n");
            page.append("Check:: `./workshop check ").append(exercise.id()).append("`\n\n");
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
}
