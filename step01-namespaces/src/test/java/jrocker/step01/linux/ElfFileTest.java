package jrocker.step01.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {
    @TempDir
    Path dir;

    /** A minimal 64-bit little-endian ELF header with program headers of the given types. */
    private Path elf(int... programHeaderTypes) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(64 + 56 * programHeaderTypes.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        bytes.putLong(0x20, 64);
        bytes.putShort(0x36, (short) 56);
        bytes.putShort(0x38, (short) programHeaderTypes.length);
        for (int i = 0; i < programHeaderTypes.length; i++) {
            bytes.putInt(64 + 56 * i, programHeaderTypes[i]);
        }
        return Files.write(dir.resolve("program"), bytes.array());
    }

    @Test
    void aProgramWithoutAnInterpreterIsStatic() throws IOException {
        assertTrue(ElfFile.isStaticExecutable(elf(6, 1, 1, 4)));
    }

    @Test
    void aProgramThatNamesItsLoaderIsDynamic() throws IOException {
        assertFalse(ElfFile.isStaticExecutable(elf(6, 3, 1)));
    }

    @Test
    void aScriptIsNotAStaticExecutable() throws IOException {
        assertFalse(ElfFile.isStaticExecutable(Files.writeString(dir.resolve("script"),
                "#!/bin/sh\necho this is no ELF file but long enough to have sixty-four bytes of header\n")));
    }
}
