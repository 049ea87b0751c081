package jrocker.step03.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/** Test helpers: archives built in memory, read back in memory, and GNU tar run as a reference. */
final class Tars {
    private Tars() {
    }

    /** An entry and its content, for building archives in tests. */
    record Member(TarEntry entry, byte[] content) {
        static Member of(TarEntry entry) {
            return new Member(entry, new byte[0]);
        }

        static Member file(String name, int mode, String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            return new Member(TarEntry.file(name, mode, bytes.length), bytes);
        }
    }

    static byte[] tar(Member... members) {
        return tar(List.of(members));
    }

    static byte[] tar(List<Member> members) {
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

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every entry with its content, in archive order. */
    static List<Member> read(byte[] archive) throws IOException {
        List<Member> members = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                members.add(new Member(entry, reader.content().readAllBytes()));
            }
        }
        return members;
    }

    static List<TarEntry> list(byte[] archive) throws IOException {
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            return reader.entries();
        }
    }

    static Map<String, String> contentsByName(List<Member> members) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Member member : members) {
            contents.put(member.entry().name(), new String(member.content(), StandardCharsets.UTF_8));
        }
        return contents;
    }

    /** Run GNU tar in {@code directory}; fails the test unless it exits 0. Returns its standard output. */
    static String gnuTar(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tar " + arguments + " did not finish");
        }
        assertEquals(0, process.exitValue(), "tar " + String.join(" ", arguments) + " failed:\n" + output);
        return output;
    }

    static boolean hasGnuTar() {
        try {
            Process process = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 && output.contains("GNU tar");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
