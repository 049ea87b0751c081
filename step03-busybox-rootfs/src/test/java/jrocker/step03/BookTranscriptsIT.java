package jrocker.step03;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import jrocker.step01.testing.BookTranscripts;
import jrocker.step01.testing.Privileges;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book's step03 transcripts print today what the book shows: each command line run as typed, with
 * `sh -c`, from the repository's top ({@code ./step03-busybox-rootfs/jrocker}), on a fresh data root.
 */
class BookTranscriptsIT {

    @Test
    void theBooksTranscriptsAreWhatTheirCommandsPrint(@TempDir Path dataRoot) throws Exception {
        Privileges.requireRoot("the transcripts run real containers", Assumptions::abort);
        assertEquals(List.of(), BookTranscripts.mismatches("step03-", "./step03-busybox-rootfs/jrocker", dataRoot));
    }
}
