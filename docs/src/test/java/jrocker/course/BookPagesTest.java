package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learner's placeholders name the chapter that asks for the exercise, read from the chapters' includes. */
class BookPagesTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void eachExerciseBelongsToTheChapterWhoseExercisesSectionIncludesIt() throws Exception {
        Catalog catalog = Catalog.read(ROOT);
        Map<String, String> chapters = BookPages.chapterTitles(ROOT, catalog);

        assertEquals(catalog.exercises().size(), chapters.size(), chapters.toString());
        assertEquals("Namespaces", chapters.get("command-lookup")); // a whole step's page, no tags
        // step05's exercises are spread over three chapters, by the tags of their includes
        assertEquals("Union file systems and images", chapters.get("whiteout-names"));
        assertEquals("Living with containers", chapters.get("name-claim"));
        assertTrue(chapters.get("capability-mask").startsWith("The last walls"), chapters.get("capability-mask"));
    }

    @Test
    void thePlaceholderSaysWhichChapterAsksForTheBody() throws Exception {
        Exercise exercise = Catalog.read(ROOT).exercises().stream().filter(e -> e.id().equals("name-claim")).findFirst().orElseThrow();
        StringBuilder text = new StringBuilder();
        Skeleton.placeholder(text, exercise, "Living with containers", "    ");
        assertEquals("""
                    // EXERCISE name-claim: you write this body.
                    //   See "%s" in the Exercises of the chapter
                    //   "Living with containers".
                """.formatted(Skeleton.plain(exercise.title())), text.toString());
    }
}
