package jrocker.course;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The course's exercises: the catalogue ({@code docs/src/course/stepNN-name.properties}: each exercise's
 * title, task and hint, in the chapter's order) joined with the regions marked in the steps' sources.
 * Reading checks that the two agree: every catalogued exercise is marked somewhere, every marker is
 * catalogued, markers pair up, and each region is a whole method body (so a TODO can replace it).
 *
 * <p>A catalogue file looks like this:
 * <pre>
 * exercises = command-lookup, mount-table
 * command-lookup.title = Find the command like a shell
 * command-lookup.task = Write {@code CommandLookup.find}: ...
 * command-lookup.hint = A name with a slash is used as it is; ...
 * command-lookup.mutant.not-executable = candidate.isFile() && candidate.canExecute() => candidate.isFile()
 * </pre>
 * A mutant is a known-wrong solution the exercise's tests must reject (see {@link Exercise.Mutant}).
 */
public final class Catalog {
    /** Where the catalogue files are, relative to the project's top directory. */
    public static final Path CATALOGUE = Path.of("docs", "src", "course");

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern BEGIN = Pattern.compile("^(\\s*)//\\s*tag::exercise-([^\\[\\s]+)\\[\\]\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*end::exercise-([^\\[\\s]+)\\[\\]\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("(tag|end)::exercise-");
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private final List<Exercise> exercises;

    private Catalog(List<Exercise> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    /** Every exercise, step by step, in each chapter's order. */
    public List<Exercise> exercises() {
        return exercises;
    }

    /** The exercises of one step module ({@code step03-busybox-rootfs}), in order. */
    public List<Exercise> of(String module) {
        return exercises.stream().filter(exercise -> exercise.module().equals(module)).toList();
    }

    /** The step modules that have exercises, in order. */
    public List<String> modules() {
        return exercises.stream().map(Exercise::module).distinct().toList();
    }

    public Optional<Exercise> byId(String id) {
        return exercises.stream().filter(exercise -> exercise.id().equals(id)).findFirst();
    }

    /** The step modules of the project at {@code root}: every {@code stepNN-name} directory with a pom.xml. */
    public static List<String> stepModules(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(dir -> dir.getFileName().toString().matches("step[0-9][0-9]-.+"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the steps in " + root, e);
        }
    }

    /**
     * The catalogue in {@code root}'s {@link #CATALOGUE}, each exercise with its regions found in the
     * steps' {@code src/main/java}. Throws a {@link CourseException} listing every disagreement.
     */
    public static Catalog read(Path root) {
        List<String> problems = new ArrayList<>();
        List<Exercise> listed = readCatalogue(root.resolve(CATALOGUE), problems);
        Map<String, List<Region>> regions = new LinkedHashMap<>();
        Map<String, String> regionModule = new LinkedHashMap<>();
        for (String module : stepModules(root)) {
            Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    for (var found : scan(root, root.relativize(file), problems).entrySet()) {
                        regions.computeIfAbsent(found.getKey(), id -> new ArrayList<>()).addAll(found.getValue());
                        String previous = regionModule.putIfAbsent(found.getKey(), module);
                        if (previous != null && !previous.equals(module)) {
                            problems.add("exercise " + found.getKey() + " is marked in two steps: " + previous + " and " + module);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sources in " + sources, e);
            }
        }
        List<Exercise> exercises = new ArrayList<>();
        for (Exercise exercise : listed) {
            List<Region> found = regions.remove(exercise.id());
            if (found == null) {
                problems.add("exercise " + exercise.id() + " is in " + CATALOGUE.resolve(exercise.module() + ".properties")
                        + " but no source of " + exercise.module() + " marks it (// tag::exercise-" + exercise.id()
                        + "[] ... // end::exercise-" + exercise.id() + "[])");
                continue;
            }
            if (!regionModule.get(exercise.id()).equals(exercise.module())) {
                problems.add("exercise " + exercise.id() + " is catalogued for " + exercise.module() + " but marked in "
                        + regionModule.get(exercise.id()));
            }
            exercises.add(new Exercise(exercise.id(), exercise.module(), exercise.title(), exercise.task(), exercise.hint(),
                    Exercise.where(found), found, testClasses(root, exercise.module(), exercise.id()), exercise.mutants()));
        }
        regions.forEach((id, found) -> problems.add("exercise " + id + " is marked in " + found.get(0).file()
                + " but not listed in " + CATALOGUE.resolve(regionModule.get(id) + ".properties")));
        if (!problems.isEmpty()) {
            throw new CourseException("the exercises are not consistent:\n  " + String.join("\n  ", problems));
        }
        return new Catalog(exercises);
    }

    /** Only the catalogue in {@code directory}, without regions: what a learner's workspace ships. */
    public static Catalog readCatalogueOnly(Path directory) {
        List<String> problems = new ArrayList<>();
        List<Exercise> exercises = readCatalogue(directory, problems);
        if (!problems.isEmpty()) {
            throw new CourseException("the exercise catalogue in " + directory + " is broken:\n  " + String.join("\n  ", problems));
        }
        return new Catalog(exercises);
    }

    private static List<Exercise> readCatalogue(Path directory, List<String> problems) {
        List<Exercise> exercises = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().matches("step[0-9][0-9]-.+\\.properties")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the exercise catalogue in " + directory, e);
        }
        List<String> seen = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String module = name.substring(0, name.length() - ".properties".length());
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            List<String> ids = new ArrayList<>();
            for (String id : properties.getProperty("exercises", "").split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            List<String> known = new ArrayList<>(List.of("exercises"));
            for (String id : ids) {
                if (!ID.matcher(id).matches()) {
                    problems.add(name + ": \"" + id + "\" is not an exercise id (lowercase words joined by dashes)");
                    continue;
                }
                if (seen.contains(id)) {
                    problems.add(name + ": exercise " + id + " is listed twice (ids are unique in the whole course)");
                    continue;
                }
                seen.add(id);
                String title = required(properties, name, id, "title", problems);
                String task = required(properties, name, id, "task", problems);
                String hint = required(properties, name, id, "hint", problems);
                // Written into a workspace's copy: where the exercise is, and its tests (see Workspace).
                String where = properties.getProperty(id + ".where", "").strip();
                known.addAll(List.of(id + ".title", id + ".task", id + ".hint", id + ".where", id + ".tests"));
                List<String> tests = new ArrayList<>();
                for (String test : properties.getProperty(id + ".tests", "").split(",")) {
                    if (!test.isBlank()) {
                        tests.add(test.strip());
                    }
                }
                List<Region> regions = new ArrayList<>();
                for (int n = 1; properties.containsKey(id + ".region." + n); n++) {
                    known.add(id + ".region." + n);
                    String[] parts = properties.getProperty(id + ".region." + n).split("\\|", 3);
                    if (parts.length != 3) {
                        problems.add(name + ": " + id + ".region." + n + " is not FILE | OWNER | SIGNATURE");
                        continue;
                    }
                    regions.add(new Region(Path.of(parts[0].strip()), -1, -1, "", parts[2].strip(), parts[1].strip()));
                }
                List<Exercise.Mutant> mutants = new ArrayList<>();
                String mutantPrefix = id + ".mutant.";
                for (String key : properties.stringPropertyNames().stream().filter(k -> k.startsWith(mutantPrefix)).sorted().toList()) {
                    known.add(key);
                    String mutantName = key.substring(mutantPrefix.length());
                    String value = properties.getProperty(key);
                    int arrow = value.indexOf(Exercise.Mutant.ARROW);
                    if (!ID.matcher(mutantName).matches() || arrow < 0 || value.substring(0, arrow).isBlank()) {
                        problems.add(name + ": " + key + " is not a mutant: write " + mutantPrefix
                                + "WHAT-IS-WRONG = CODE OF THE SOLUTION => WRONG CODE");
                        continue;
                    }
                    mutants.add(new Exercise.Mutant(mutantName, value.substring(0, arrow).strip(),
                            value.substring(arrow + Exercise.Mutant.ARROW.length()).strip()));
                }
                exercises.add(new Exercise(id, module, title, task, hint, where, regions, tests, mutants));
            }
            for (String key : properties.stringPropertyNames()) {
                if (!known.contains(key)) {
                    problems.add(name + ": unknown key " + key + " (is its exercise in the \"exercises\" list?)");
                }
            }
        }
        return exercises;
    }

    /** The test classes of {@code module} (qualified names) whose source has {@code @Tag("id")}. */
    static List<String> testClasses(Path root, String module, String id) {
        Path tests = root.resolve(module).resolve("src/test/java");
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (Files.readString(file).contains("@Tag(\"" + id + "\")")) {
                    String relative = tests.relativize(file).toString();
                    names.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tests in " + tests, e);
        }
        return names;
    }

    private static String required(Properties properties, String file, String id, String key, List<String> problems) {
        String value = properties.getProperty(id + "." + key, "").strip();
        if (value.isEmpty()) {
            problems.add(file + ": exercise " + id + " has no " + key);
        }
        return value;
    }

    /** The regions marked in one file, by exercise id. */
    private static Map<String, List<Region>> scan(Path root, Path file, List<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
        Map<String, List<Region>> found = new LinkedHashMap<>();
        String open = null;
        int openLine = -1;
        String indent = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!ANY_MARKER.matcher(line).find()) {
                continue;
            }
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            String at = file + ":" + (i + 1) + ": ";
            if (begin.matches()) {
                if (open != null) {
                    problems.add(at + "exercise " + begin.group(2) + " begins inside exercise " + open);
                    continue;
                }
                open = begin.group(2);
                openLine = i;
                indent = begin.group(1);
                if (!ID.matcher(open).matches()) {
                    problems.add(at + "\"" + open + "\" is not an exercise id (lowercase words joined by dashes)");
                }
            } else if (end.matches()) {
                if (!end.group(1).equals(open)) {
                    problems.add(at + "end of exercise " + end.group(1) + (open == null ? " without its begin" : " inside exercise " + open));
                    continue;
                }
                Region region = region(file, lines, openLine, i, indent, problems);
                if (region != null) {
                    found.computeIfAbsent(open, id -> new ArrayList<>()).add(region);
                }
                open = null;
            } else {
                problems.add(at + "an exercise marker must be a line of its own: // tag::exercise-ID[] or // end::exercise-ID[]");
            }
        }
        if (open != null) {
            problems.add(file + ":" + (openLine + 1) + ": exercise " + open + " has no // end::exercise-" + open + "[]");
        }
        return found;
    }

    /** The region between two markers, if it is a whole method body. */
    private static Region region(Path file, List<String> lines, int begin, int end, String indent, List<String> problems) {
        String at = file + ":" + (begin + 1) + ": exercise region ";
        if (begin == 0 || !lines.get(begin - 1).strip().endsWith("{")) {
            problems.add(at + "must start right after the line that opens a method body (a line ending in '{')");
            return null;
        }
        if (end + 1 >= lines.size() || !lines.get(end + 1).strip().equals("}")) {
            problems.add(at + "must end right before the '}' that closes the method body");
            return null;
        }
        if (lines.subList(begin + 1, end).stream().allMatch(String::isBlank)) {
            problems.add(at + "is empty");
            return null;
        }
        String opening = lines.get(begin - 1).strip();
        String signature = opening.substring(0, opening.length() - 1).strip();
        int depth = lines.get(begin - 1).length() - lines.get(begin - 1).stripLeading().length();
        String owner = file.getFileName().toString().replace(".java", "");
        for (int i = begin - 2; i >= 0; i--) {
            String line = lines.get(i);
            int lineDepth = line.length() - line.stripLeading().length();
            Matcher type = TYPE.matcher(line);
            if (!line.isBlank() && lineDepth < depth && !line.strip().startsWith("*") && !line.strip().startsWith("/")
                    && type.find()) {
                owner = type.group(1);
                break;
            }
        }
        return new Region(file, begin, end, indent, signature, owner);
    }
}
