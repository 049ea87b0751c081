package jrocker.step05.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import jrocker.step05.blob.DigestMismatchException;
import jrocker.step05.blob.DigestingInputStream;
import jrocker.step05.blob.VerifyingInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DigestTest {
    /** sha256("") and sha256("abc"), from FIPS 180-2. */
    static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Tag("digest")
    @Test
    void parsesAndPrintsSha256Digests() {
        Digest digest = Digest.parse(ABC);
        assertEquals("sha256", digest.algorithm());
        assertEquals(ABC, digest.toString());
        assertEquals("ba7816bf8f01", digest.shortHex());
        assertEquals(digest, Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(EMPTY, Digest.sha256(new byte[0]).toString());
    }

    @Tag("digest")
    @Test
    void rejectsWhatIsNotASha256DigestWithAClearMessage() {
        assertEquals("invalid digest \"sha512:abcd\": the algorithm is \"sha512\", but jrocker supports only sha256 digests",
                assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha512:abcd")).getMessage());
        assertEquals("invalid digest \"ba7816bf\": expected sha256:<64 lowercase hex digits>",
                assertThrows(IllegalArgumentException.class, () -> Digest.parse("ba7816bf")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(ABC.toUpperCase().replace("SHA256", "sha256")));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(ABC + "0"));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(ABC.substring(0, 70)));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:" + "g".repeat(64)));
    }

    @Test
    void digestingAStreamGivesTheDigestOfItsBytesWhateverTheReadSizes() {
        qt().forAll(integers().between(0, 300_000), integers().between(1, 70_000)).checkAssert((size, chunk) -> {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data));
            byte[] buffer = new byte[chunk];
            try {
                while (in.read(buffer, 0, chunk) >= 0) {
                    in.read(); // single bytes count too
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(Digest.sha256(data), in.digest());
            assertEquals((long) size, in.size());
        });
    }

    @Test
    void skippedBytesAreDigestedToo() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2, in.skip(2));
        assertEquals('c', in.read());
        assertEquals(ABC, in.digest().toString());
        assertEquals(new DigestingInputStream.Measured(Digest.parse(ABC), 3),
                DigestingInputStream.measure(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Tag("verify-blob")
    @Test
    void verifyingStreamPassesTheRightBlob() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(abc), Digest.parse(ABC), 3, "blob x");
        assertArrayEquals(abc, in.readAllBytes());
        assertTrue(in.isVerified());
    }

    @Tag("verify-blob")
    @Test
    void verifyingStreamRejectsWrongContentSizeAndTruncation() {
        byte[] abd = "abd".getBytes(StandardCharsets.US_ASCII);
        assertEquals("blob x is corrupt: its content has digest " + Digest.sha256(abd) + ", not " + ABC,
                assertThrows(DigestMismatchException.class, () -> readAll(abd, 3)).getMessage());
        assertEquals("blob x is 2 bytes, but its descriptor says 3: the blob is truncated",
                assertThrows(DigestMismatchException.class, () -> readAll("ab".getBytes(StandardCharsets.US_ASCII), 3)).getMessage());
        assertEquals("blob x is larger than the 3 bytes its descriptor says: the blob is corrupt",
                assertThrows(DigestMismatchException.class, () -> readAll("abcd".getBytes(StandardCharsets.US_ASCII), 3)).getMessage());
    }

    @Tag("verify-blob")
    @Test
    void aBlobLongerThanItsSizeFailsBeforeItsEnd() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        VerifyingInputStream in = new VerifyingInputStream(endless, Digest.parse(ABC), 1000, "blob x");
        assertThrows(DigestMismatchException.class, in::readAllBytes);
        assertFalse(in.isVerified());
        assertTrue(in.size() <= 1000 + 16384, "stopped soon after the promised size: " + in.size());
    }

    private static void readAll(byte[] content, long size) throws IOException {
        new VerifyingInputStream(new ByteArrayInputStream(content), Digest.parse(ABC), size, "blob x").verifyRest();
    }
}
