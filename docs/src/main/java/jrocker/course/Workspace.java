package jrocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes a learner's workspace: the project with every exercise replaced by its TODO, ready to build with
 * its own {@code ./mvnw}, plus the {@code ./workshop} command and what it needs in {@code .workshop/}:
 * <pre>
 *   pom.xml mvnw .mvn/ jrocker step01-namespaces/ ... step05-overlay/   the steps, exercises as TODOs
 *   docs/src/docs/asciidoc/transcripts/                               what the book's transcript tests compare
 *   workshop  README.md                                               the learner's command and first page
 *   book/index.html, book/index.pdf                                   the learner's book (no solutions)
 *   .workshop/lib/          the checker (this module's jar) and JUnit, JNA, picocli, QuickTheories
 *   .workshop/exercises/    the catalogue, with where each exercise is and its tests
 *   .workshop/solution/     the course's compiled solution of every step but the last, and its compiled tests
 *                           (their doubles and fixtures): a step's exercises are checked against the steps before it
 *   .workshop/solutions.deflated   the solutions' text, for ./workshop solution once an exercise passes
 *   .workshop/jrocker-completion.bash
 * </pre>
 */
public final class Workspace {
    private Workspace() {
    }

    /**
     * Write the workspace for the project at {@code root} into {@code target} (replaced if it exists);
     * {@code libraries} are the jars the checker runs with, {@code completion} the bash completion script.
     */
    public static void write(Path root, Catalog catalog, Path target, List<Path> libraries, Path completion, Path book,
                             Path bookPdf) throws IOException {
        delete(target);
        Files.createDirectories(target);
        String pom = Files.readString(root.resolve("pom.xml"));
        String docsModule = "    <module>docs</module>\n";
        if (!pom.contains(docsModule)) {
            throw new CourseException("the top pom.xml has no line \"" + docsModule.strip() + "\" to leave out of the workspace");
        }
        Files.writeString(target.resolve("pom.xml"), pom.replace(docsModule, ""));
        copy(root.resolve("mvnw"), target.resolve("mvnw"));
        copyTree(root.resolve(".mvn"), target.resolve(".mvn"));
        copy(root.resolve("jrocker"), target.resolve("jrocker"));
        for (String module : Catalog.stepModules(root)) {
            Path step = root.resolve(module);
            copy(step.resolve("pom.xml"), target.resolve(module).resolve("pom.xml"));
            if (Files.exists(step.resolve("jrocker"))) {
                copy(step.resolve("jrocker"), target.resolve(module).resolve("jrocker"));
            }
            copyTree(step.resolve("src"), target.resolve(module).resolve("src"));
        }
        Path transcripts = Path.of("docs", "src", "docs", "asciidoc", "transcripts");
        copyTree(root.resolve(transcripts), target.resolve(transcripts));
        for (Map.Entry<Path, String> file : Skeleton.files(root, catalog.exercises()).entrySet()) {
            Files.writeString(target.resolve(file.getKey()), file.getValue());
        }

        Path home = target.resolve(Workshop.HOME);
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (Path jar : libraries) {
            copy(jar, lib.resolve(jar.getFileName()));
        }
        copy(completion, home.resolve("jrocker-completion.bash"));
        writeCatalogue(catalog, Files.createDirectories(home.resolve("exercises")));
        Path solution = Files.createDirectories(home.resolve(Workshop.SOLUTION_CLASSES));
        List<String> modules = catalog.modules();
        for (String module : modules.subList(0, Math.max(0, modules.size() - 1))) {
            jar(Proof.classDirectories(root, module).get(0), solution.resolve(module + ".jar"));
            if (Files.isDirectory(Proof.testClasses(root, module))) { // the test helpers later steps' tests use
                jar(Proof.testClasses(root, module), solution.resolve(module + "-tests.jar"));
            }
        }
        Map<String, String> solutions = new java.util.LinkedHashMap<>();
        for (Exercise exercise : catalog.exercises()) {
            solutions.put(exercise.id(), solutionText(root, exercise));
        }
        Workshop.writeSolutions(target, solutions);
        copyTree(book, target.resolve("book"));
        copy(bookPdf.resolve("index.pdf"), target.resolve("book").resolve("index.pdf"));
        Files.writeString(target.resolve(".gitignore"), "target/\n.workshop/build/\n");
        script(target.resolve("workshop"), resource("workshop.sh"));
        Files.writeString(target.resolve("README.md"), resource("workspace-README.md"));
    }

    /** The catalogue as the workspace's checker reads it, each exercise with where it is. */
    private static void writeCatalogue(Catalog catalog, Path directory) throws IOException {
        for (String module : catalog.modules()) {
            Properties properties = new Properties(); // the "exercises" list keeps the order
            List<Exercise> exercises = catalog.of(module);
            properties.setProperty("exercises", String.join(", ", exercises.stream().map(Exercise::id).toList()));
            for (Exercise exercise : exercises) {
                properties.setProperty(exercise.id() + ".title", exercise.title());
                properties.setProperty(exercise.id() + ".task", exercise.task());
                properties.setProperty(exercise.id() + ".hint", exercise.hint());
                properties.setProperty(exercise.id() + ".where", exercise.where());
                properties.setProperty(exercise.id() + ".tests", String.join(", ", exercise.tests()));
                int n = 0;
                for (Region region : exercise.regions()) {
                    properties.setProperty(exercise.id() + ".region." + ++n, region.file() + " | " + region.owner() + " | "
                            + region.signature());
                }
            }
            try (Writer writer = Files.newBufferedWriter(directory.resolve(module + ".properties"), StandardCharsets.UTF_8)) {
                properties.store(writer, module + "'s exercises, written by the course's generator");
            }
        }
    }

    /** Each region of {@code exercise} as the course wrote it: where it is, then the method with its body. */
    static String solutionText(Path root, Exercise exercise) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Region region : exercise.regions()) {
            List<String> lines = Files.readAllLines(root.resolve(region.file()), StandardCharsets.UTF_8);
            String opening = lines.get(region.begin() - 1);
            String indent = opening.substring(0, opening.length() - opening.stripLeading().length());
            text.append("// ").append(region.where()).append(" in ").append(region.file()).append('\n');
            text.append(opening.substring(indent.length())).append('\n');
            for (String line : lines.subList(region.begin() + 1, region.end())) {
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            text.append("}\n\n");
        }
        return text.toString();
    }

    /** A jar of the classes in {@code directory} (no manifest: it is only ever on a class path). */
    private static void jar(Path directory, Path jar) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                var entry = new java.util.zip.ZipEntry(directory.relativize(file).toString().replace('\\', '/'));
                entry.setTime(0); // the same classes make the same jar
                out.putNextEntry(entry);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    static String resource(String name) throws IOException {
        try (var in = Workspace.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new CourseException("resource " + name + " is missing from the course's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** Copy the tree {@code from} to {@code to}, attributes (the executable bit) included. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path destination = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    copy(path, destination);
                }
            }
        }
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
