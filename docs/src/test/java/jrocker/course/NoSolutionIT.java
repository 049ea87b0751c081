package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No line of an exercise's solution reaches the learner: not the rendered learner's book (HTML), not a
 * file of the workspace. A solution line is a line of an exercise region that no code outside every
 * exercise region has (a line such as {@code return sum;} that the sources also have elsewhere may be in
 * the book for another reason). Runs after {@code package}, when the book and the workspace exist.
 */
class NoSolutionIT {
    private static final Path ROOT = Path.of(System.getProperty("jrocker.root", "..")).toAbsolutePath().normalize();
    private static final Path LEARNER_BOOK = Path.of("target/book/index.html");
    private static final Path TEACHERS_BOOK = Path.of("target/book-teachers/index.html");
    private static final Path WORKSPACE = Path.of("target/jrocker-workshop");

    private static Catalog catalog;
    /** Each exercise's solution lines, stripped. */
    private static Map<String, Set<String>> solutions;

    @BeforeAll
    static void readTheSolutions() throws IOException {
        catalog = Catalog.read(ROOT);
        solutions = solutionLines(ROOT, catalog);
    }

    /** Each exercise's region lines, stripped, without the ones that code outside every region also has. */
    static Map<String, Set<String>> solutionLines(Path root, Catalog catalog) throws IOException {
        Map<Path, Set<Integer>> inRegions = new LinkedHashMap<>();
        Map<String, Set<String>> lines = new LinkedHashMap<>();
        for (Exercise exercise : catalog.exercises()) {
            Set<String> own = lines.computeIfAbsent(exercise.id(), id -> new HashSet<>());
            for (Region region : exercise.regions()) {
                List<String> file = Files.readAllLines(root.resolve(region.file()));
                for (int i = region.begin(); i <= region.end(); i++) {
                    inRegions.computeIfAbsent(region.file(), f -> new HashSet<>()).add(i);
                    if (i > region.begin() && i < region.end() && !file.get(i).isBlank()) {
                        own.add(file.get(i).strip());
                    }
                }
            }
        }
        Set<String> elsewhere = new HashSet<>();
        for (String module : Catalog.stepModules(root)) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Set<Integer> skip = inRegions.getOrDefault(root.relativize(file), Set.of());
                    List<String> text = Files.readAllLines(file);
                    for (int i = 0; i < text.size(); i++) {
                        if (!skip.contains(i)) {
                            elsewhere.add(text.get(i).strip());
                        }
                    }
                }
            }
        }
        lines.values().forEach(own -> own.removeAll(elsewhere));
        return lines;
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#x[0-9a-fA-F]+|[a-z]+);");

    /** The text of an HTML page, line by line, each stripped: what a reader sees in its listings. */
    static Set<String> htmlLines(Path page) throws IOException {
        String text = TAG.matcher(Files.readString(page)).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder plain = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String character = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> name.startsWith("#x") ? Character.toString(Integer.parseInt(name.substring(2), 16))
                        : name.startsWith("#") ? Character.toString(Integer.parseInt(name.substring(1))) : entity.group();
            };
            entity.appendReplacement(plain, Matcher.quoteReplacement(character));
        }
        entity.appendTail(plain);
        Set<String> lines = new HashSet<>();
        plain.toString().lines().map(String::strip).forEach(lines::add);
        return lines;
    }

    private static List<String> leaks(Set<String> shown, String where) {
        List<String> leaks = new ArrayList<>();
        solutions.forEach((id, lines) -> lines.stream().filter(shown::contains).sorted()
                .forEach(line -> leaks.add(where + " shows a line of exercise " + id + "'s solution: " + line)));
        return leaks;
    }

    @Test
    void theLearnersBookShowsNoLineOfASolutionButPlaceholders() throws IOException {
        Set<String> learner = htmlLines(LEARNER_BOOK);
        Set<String> teachers = htmlLines(TEACHERS_BOOK);

        assertEquals("", String.join("\n", leaks(learner, LEARNER_BOOK.toString())));

        // Where the learner's book shows a placeholder, the teachers' edition shows the solution: so the
        // comparison above can see a solution line when there is one.
        List<String> placeheld = new ArrayList<>();
        for (Exercise exercise : catalog.exercises()) {
            String placeholder = "// " + Skeleton.PLACEHOLDER + exercise.id() + ": you write this body.";
            if (learner.contains(placeholder)) {
                placeheld.add(exercise.id());
                assertTrue(solutions.get(exercise.id()).stream().anyMatch(teachers::contains),
                        "the teachers' edition shows no line of " + exercise.id() + "'s solution");
            }
        }
        assertTrue(placeheld.size() >= 5, "the book's listings show only these exercises' placeholders: " + placeheld);
    }

    @Test
    void theWorkspaceHoldsOnlyPlaceholders() throws IOException {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(WORKSPACE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().equals(Workshop.SOLUTIONS)) {
                    continue; // the solutions ./workshop solution shows once an exercise passes, deflated: on purpose
                }
                byte[] bytes = Files.readAllBytes(file);
                if (file.toString().endsWith(".html")) {
                    leaks.addAll(leaks(htmlLines(file), WORKSPACE.relativize(file).toString()));
                } else if (!file.toString().endsWith(".jar") && isText(bytes)) {
                    Set<String> lines = new HashSet<>();
                    new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip).forEach(lines::add);
                    leaks.addAll(leaks(lines, WORKSPACE.relativize(file).toString()));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertEquals("", String.join("\n", leaks));
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
