package jrocker.step05.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import jrocker.step05.image.ImageFormatException;
import jrocker.step05.layer.Whiteouts.Kind;
import jrocker.step05.layer.Whiteouts.Meaning;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@Tag("whiteout-names") // the exercise these tests check (see docs/src/course)
class WhiteoutsTest {

    @Test
    void namesAreClassified() throws ImageFormatException {
        assertEquals(new Meaning(Kind.DELETION, "etc/motd"), Whiteouts.classify("etc/.wh.motd"));
        assertEquals(new Meaning(Kind.DELETION, "etc/motd"), Whiteouts.classify("./etc//.wh.motd"));
        assertEquals(new Meaning(Kind.DELETION, "motd"), Whiteouts.classify("/.wh.motd"));
        assertEquals(new Meaning(Kind.DELETION, ".profile"), Whiteouts.classify(".wh..profile"));
        assertEquals(new Meaning(Kind.OPAQUE_DIRECTORY, "opt"), Whiteouts.classify("opt/.wh..wh..opq"));
        assertEquals(new Meaning(Kind.OPAQUE_DIRECTORY, ""), Whiteouts.classify(".wh..wh..opq"));
        assertEquals(new Meaning(Kind.AUFS_METADATA, ".wh..wh.plnk"), Whiteouts.classify(".wh..wh.plnk/"));
        assertEquals(new Meaning(Kind.AUFS_METADATA, ".wh..wh.plnk/1.2"), Whiteouts.classify(".wh..wh.plnk/1.2"));
        assertEquals(new Meaning(Kind.ORDINARY, "etc/wh.motd"), Whiteouts.classify("etc/wh.motd"));
        assertEquals(new Meaning(Kind.ORDINARY, "a.wh.b/c"), Whiteouts.classify("./a.wh.b/c"));
        assertEquals(new Meaning(Kind.ORDINARY, ""), Whiteouts.classify("./"));
        assertThrows(ImageFormatException.class, () -> Whiteouts.classify(".wh."));
    }

    @Test
    void markerNamesAreWritten() {
        assertEquals("etc/.wh.motd", Whiteouts.deletionEntry("/etc/motd"));
        assertEquals(".wh.motd", Whiteouts.deletionEntry("motd"));
        assertEquals("opt/.wh..wh..opq", Whiteouts.opaqueEntry("opt/"));
        assertEquals(".wh..wh..opq", Whiteouts.opaqueEntry(""));
        assertThrows(IllegalArgumentException.class, () -> Whiteouts.deletionEntry("/"));
    }

    @Test
    void writtenMarkersAreClassifiedAsWhatTheyMark() {
        Gen<String> paths = lists().of(arbitrary().pick("a", "etc", ".hidden", "x.wh.y", "wh", "..z", "b c"))
                .ofSizeBetween(1, 4).map(parts -> String.join("/", parts));
        qt().forAll(paths).checkAssert(path -> {
            try {
                assertEquals(new Meaning(Kind.DELETION, path), Whiteouts.classify(Whiteouts.deletionEntry(path)));
                assertEquals(new Meaning(Kind.OPAQUE_DIRECTORY, path), Whiteouts.classify(Whiteouts.opaqueEntry(path)));
                assertEquals(new Meaning(Kind.ORDINARY, path), Whiteouts.classify(path));
            } catch (ImageFormatException e) {
                throw new AssertionError(e);
            }
        });
    }
}
