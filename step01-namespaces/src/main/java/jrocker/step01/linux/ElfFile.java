package jrocker.step01.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Just enough of the ELF format to tell a static executable from a dynamic one. A dynamic program
 * names its loader in a PT_INTERP program header (e.g. /lib64/ld-linux-x86-64.so.2); inside a
 * container whose root has no such loader it fails with a puzzling "no such file or directory".
 * That is why the busybox for a root file system must be static.
 */
public final class ElfFile {
    private static final int PT_INTERP = 3;

    private ElfFile() {
    }

    /** True when {@code file} is a 64-bit little-endian ELF executable without a PT_INTERP header. */
    public static boolean isStaticExecutable(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x464c457f /* "\177ELF" */ || header.get(4) != 2 /* 64-bit */
                    || header.get(5) != 1 /* little-endian */) {
                return false;
            }
            long programHeaders = header.getLong(0x20);
            int entrySize = Short.toUnsignedInt(header.getShort(0x36));
            int count = Short.toUnsignedInt(header.getShort(0x38));
            for (int i = 0; i < count; i++) {
                ByteBuffer entry = read(channel, programHeaders + (long) i * entrySize, 4);
                if (entry.getInt(0) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("truncated ELF file");
            }
        }
        return buffer;
    }
}
