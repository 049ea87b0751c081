package jrocker.step05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import jrocker.step01.testing.BookTranscripts;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's step05 transcripts are what this step's jrocker prints today, on a fresh data root. */
class BookTranscriptsIT {

    @Test
    void theBooksTranscriptsAreWhatJrockerPrints(@TempDir Path directory) throws Exception {
        Privileges.requireRoot("the transcripts run real containers", Assumptions::abort);
        assertEquals(List.of(), BookTranscripts.mismatches("step05-", Main.class, directory));
    }
}
