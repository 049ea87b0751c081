package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import jrocker.step03.tar.TarFormatException;
import org.junit.jupiter.api.Test;

/** The read-ahead thread hands over every byte, in order, and its failures; close stops it. */
class ReadAheadInputStreamTest {

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void everyByteArrivesInOrderWhateverTheSize() throws IOException {
        int chunk = ReadAheadInputStream.CHUNK_SIZE;
        for (int size : new int[] {0, 1, 4096, chunk - 1, chunk, chunk + 1, 3 * chunk + 17,
                (ReadAheadInputStream.CHUNKS + 3) * chunk}) {
            byte[] data = random(size);
            try (InputStream ahead = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
                assertArrayEquals(data, ahead.readAllBytes(), "size " + size);
                assertEquals(-1, ahead.read());
            }
        }
    }

    @Test
    void singleBytesAndSmallReadsToo() throws IOException {
        byte[] data = random(1000);
        try (InputStream ahead = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
            assertEquals(data[0] & 0xff, ahead.read());
            byte[] rest = new byte[999];
            int got = 0;
            while (got < rest.length) {
                got += ahead.read(rest, got, Math.min(7, rest.length - got));
            }
            assertEquals(-1, ahead.read(new byte[1], 0, 1));
            for (int i = 0; i < rest.length; i++) {
                assertEquals(data[i + 1], rest[i]);
            }
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderAsItIs() throws IOException {
        IOException corrupt = new TarFormatException("corrupt data at byte 5");
        InputStream failing = new InputStream() {
            private int count;

            @Override
            public int read() throws IOException {
                if (count++ >= 5) {
                    throw corrupt;
                }
                return 'x';
            }
        };
        try (InputStream ahead = new ReadAheadInputStream(failing, "test")) {
            IOException thrown = assertThrows(IOException.class, ahead::readAllBytes);
            assertSame(corrupt, thrown, "callers tell corrupt data from other failures by the exception's type");
        }
    }

    @Test
    void closeStopsTheThreadWithoutClosingTheSource() throws IOException {
        byte[] data = random((ReadAheadInputStream.CHUNKS + 4) * ReadAheadInputStream.CHUNK_SIZE);
        boolean[] sourceClosed = {false};
        InputStream source = new ByteArrayInputStream(data) {
            @Override
            public void close() {
                sourceClosed[0] = true;
            }
        };
        InputStream ahead = new ReadAheadInputStream(source, "read-ahead-close-test");
        assertEquals(data[0] & 0xff, ahead.read()); // the thread now waits for room in the queue
        ahead.close();
        assertFalse(sourceClosed[0]);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("read-ahead-close-test")),
                "the reading thread has ended");
    }
}
