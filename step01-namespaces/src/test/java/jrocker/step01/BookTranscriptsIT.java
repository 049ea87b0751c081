package jrocker.step01;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.testing.BookTranscripts;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The book's step01 transcripts are what this step's jrocker prints today. */
class BookTranscriptsIT {

    @Test
    void theBooksTranscriptsAreWhatJrockerPrints() throws Exception {
        Privileges.requireRoot("the transcripts run real containers", Assumptions::abort);
        assertEquals(List.of(), BookTranscripts.mismatches("step01-", Main.class));
    }

    @Test
    void wordsAreSplitLikeAShellDoes() {
        assertEquals(List.of("run", "sh", "-c", "hostname; echo $$", "", "a\"b"),
                BookTranscripts.words("run sh -c 'hostname; echo $$' '' 'a\"b'"));
    }
}
