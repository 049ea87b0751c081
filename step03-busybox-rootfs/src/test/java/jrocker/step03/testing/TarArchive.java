package jrocker.step03.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarWriter;

/**
 * Tests' archives, built in memory with step03's {@link TarWriter}. In step03's test-jar, like
 * {@link BusyboxTar}, so that step05's tests (layers, images) build their tars with the same code as step03's.
 */
public final class TarArchive {
    private TarArchive() {
    }

    /** An entry and its content. */
    public record Member(TarEntry entry, byte[] content) {
        public static Member of(TarEntry entry) {
            return new Member(entry, new byte[0]);
        }

        public static Member file(String name, int mode, String content) {
            return bytes(name, mode, content.getBytes(StandardCharsets.UTF_8));
        }

        public static Member file(String name, String content) {
            return file(name, 0644, content);
        }

        public static Member bytes(String name, byte[] content) {
            return bytes(name, 0644, content);
        }

        public static Member bytes(String name, int mode, byte[] content) {
            return new Member(TarEntry.file(name, mode, content.length), content);
        }

        public static Member directory(String name) {
            return of(TarEntry.directory(name, 0755));
        }

        public static Member symlink(String name, String target) {
            return of(TarEntry.symlink(name, target));
        }
    }

    public static byte[] tar(Member... members) {
        return tar(List.of(members));
    }

    public static byte[] tar(List<Member> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            for (Member member : members) {
                writer.write(member.entry(), member.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
