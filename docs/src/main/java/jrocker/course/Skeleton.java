package jrocker.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner starts from: a step's sources with exercise bodies replaced by a TODO that says what
 * to do and fails with the exercise's hint:
 * <pre>
 *     public static String find(String name, String path) {
 *         // TODO exercise command-lookup: Find the command like a shell.
 *         //   Hint: a name with a slash is used as it is; ...
 *         //   Check: ./workshop check command-lookup
 *         throw new UnsupportedOperationException("TODO exercise command-lookup: a name with a slash ...");
 *     }
 * </pre>
 * Only whole method bodies are replaced, so the rest of the file (and every other file) compiles unchanged.
 */
public final class Skeleton {
    private static final int WIDTH = 110;

    private Skeleton() {
    }

    /**
     * The files that {@code exercises} touch, each with those exercises' regions replaced (the markers of
     * other exercises stay: they are comments), keyed by path relative to {@code root}.
     */
    public static Map<Path, String> files(Path root, Collection<Exercise> exercises) {
        return files(root, exercises, (text, exercise, region, lines) -> todo(text, exercise, region.indent()));
    }

    /**
     * What replaces an exercise's region (its markers included): the lines to append to {@code text} for
     * {@code region} of {@code exercise}; {@code lines} are the whole file's.
     */
    @FunctionalInterface
    public interface Body {
        void write(StringBuilder text, Exercise exercise, Region region, List<String> lines);
    }

    /**
     * The files that {@code exercises} touch, each with those exercises' regions replaced by {@code body},
     * keyed by path relative to {@code root}.
     */
    public static Map<Path, String> files(Path root, Collection<Exercise> exercises, Body body) {
        Map<Path, List<Replacement>> byFile = new LinkedHashMap<>();
        for (Exercise exercise : exercises) {
            for (Region region : exercise.regions()) {
                byFile.computeIfAbsent(region.file(), f -> new ArrayList<>()).add(new Replacement(exercise, region));
            }
        }
        Map<Path, String> files = new LinkedHashMap<>();
        byFile.forEach((file, replacements) -> {
            try {
                files.put(file, apply(Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8), replacements, body));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
        return files;
    }

    private record Replacement(Exercise exercise, Region region) {
    }

    private static String apply(List<String> lines, List<Replacement> replacements, Body body) {
        List<Replacement> ordered = new ArrayList<>(replacements);
        ordered.sort(Comparator.comparingInt(r -> r.region().begin()));
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (Replacement replacement : ordered) {
            for (int i = next; i < replacement.region().begin(); i++) {
                text.append(lines.get(i)).append('\n');
            }
            body.write(text, replacement.exercise(), replacement.region(), lines);
            next = replacement.region().end() + 1;
        }
        for (int i = next; i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
        }
        return text.toString();
    }

    /** The TODO lines for {@code exercise}, indented like the body they replace. */
    static void todo(StringBuilder text, Exercise exercise, String indent) {
        text.append(indent).append("// ").append(Exercise.todoPrefix(exercise.id()))
                .append(plain(exercise.title())).append(".\n");
        for (String line : wrap("Hint: " + plain(exercise.hint()), WIDTH - indent.length() - 5)) {
            text.append(indent).append("//   ").append(line).append('\n');
        }
        text.append(indent).append("//   Check: ./workshop check ").append(exercise.id()).append('\n');
        text.append(indent).append("throw new UnsupportedOperationException(\"")
                .append(javaString(exercise.todoMessage())).append("\");\n");
    }

    /** What the learner's book shows where an exercise's body is: the exercise and the section that asks for it. */
    static void placeholder(StringBuilder text, Exercise exercise, String chapter, String indent) {
        text.append(indent).append("// ").append(PLACEHOLDER).append(exercise.id()).append(": you write this body.\n");
        text.append(indent).append("//   See \"").append(plain(exercise.title())).append("\" in the Exercises of the chapter\n");
        text.append(indent).append("//   \"").append(plain(chapter)).append("\".\n");
    }

    /** How the book's placeholder for an exercise's body starts, before the exercise's id. */
    public static final String PLACEHOLDER = "EXERCISE ";

    /** AsciiDoc's inline code marks dropped: the TODO is read in an editor, not rendered. */
    static String plain(String asciidoc) {
        return asciidoc.replace("`", "");
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append("  ");
            }
            if (line.length() > 0 && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String javaString(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : plain(text).toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
