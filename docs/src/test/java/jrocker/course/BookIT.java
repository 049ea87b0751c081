package jrocker.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rendered book ({@code target/book/index.html}) holds every exercise of the catalogue exactly once:
 * a chapter takes its Exercises section from the pages {@link BookPages} writes, whole or by tags (step05's
 * exercises are split between chapters 5 and 6), and an exercise left out of every chapter's tags would
 * otherwise be missing from the book without a warning.
 */
class BookIT {
    private static final Path BOOK = Path.of("target", "book", "index.html");

    @Test
    void everyExerciseIsInTheBookExactlyOnce() throws Exception {
        String html = Files.readString(BOOK);
        List<String> wrong = new ArrayList<>();
        for (Exercise exercise : Catalog.read(Path.of("..")).exercises()) {
            int count = html.split("id=\"exercise-" + exercise.id() + "\"", -1).length - 1;
            if (count != 1) {
                wrong.add(exercise.id() + " is in the book " + count + " times");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
