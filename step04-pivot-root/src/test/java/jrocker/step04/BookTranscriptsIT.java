package jrocker.step04;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import jrocker.step01.testing.BookTranscripts;
import jrocker.step01.testing.Privileges;
import jrocker.step03.testing.BusyboxTar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's step04 transcripts are what this step's jrocker prints today, run where busybox.tar is. */
class BookTranscriptsIT {

    @Test
    void theBooksTranscriptsAreWhatJrockerPrints(@TempDir Path directory) throws Exception {
        Privileges.requireRoot("the transcripts run real containers", Assumptions::abort);
        BusyboxTar.write(directory.resolve("busybox.tar"));
        assertEquals(List.of(), BookTranscripts.mismatches("step04-", Main.class, directory));
    }
}
