package jrocker.step01.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a transcript's command line is run: its own text, by sh, from the repository's top, as a terminal shows it. */
class BookTranscriptsTest {

    @Test
    void aLineRunsAsTypedWithSudoKeepingTheTestsDataRoot(@TempDir Path dataRoot) throws Exception {
        assertEquals("a b\n" + dataRoot.toAbsolutePath() + "\nexit status 3\n",
                BookTranscripts.run("sudo echo 'a b'; sudo sh -c 'echo $JROCKER_DATA_ROOT; exit 3'; echo \"exit status $?\"", dataRoot));
        assertEquals(BookTranscripts.TOP.toAbsolutePath().normalize() + "\n", BookTranscripts.run("pwd", dataRoot),
                "the commands run where the book says to paste them");
    }

    @Test
    void stdoutAndStderrAppearInTheOrderTheyWereWritten(@TempDir Path dataRoot) throws Exception {
        assertEquals("one\ntwo\nthree\n", BookTranscripts.run("echo one >&2; echo two; echo three >&2", dataRoot));
    }

    @Test
    void aTranscriptOfOneStepRunsThatStepsLauncher(@TempDir Path temp) throws Exception {
        Path transcript = Files.writeString(temp.resolve("step01-x.txt"), "$ sudo ./jrocker run true\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BookTranscripts.actual(transcript, "./step01-namespaces/jrocker", temp));
        assertEquals("step01-x.txt: a command of this step runs ./step01-namespaces/jrocker: $ sudo ./jrocker run true",
                e.getMessage());
    }

    @Test
    void idsAndDurationsAreMadeEqualAndNothingElse() {
        assertEquals("<id>  Up <time>  web", BookTranscripts.comparable("7d1c4b1e0a5f   Up 3 seconds   web"));
        assertEquals(BookTranscripts.comparable("Up Less than a second"), BookTranscripts.comparable("Up 12 minutes"));
        assertEquals("exit status 1", BookTranscripts.comparable("exit status 1"));
        assertEquals(BookTranscripts.comparable("busybox from /usr/bin/busybox with 268 applets"),
                BookTranscripts.comparable("busybox from /usr/bin/busybox with 401 applets"));
    }
}
