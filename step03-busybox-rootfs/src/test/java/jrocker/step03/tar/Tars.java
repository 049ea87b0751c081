package jrocker.step03.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jrocker.step03.tar.TarEntry;
import jrocker.step03.tar.TarReader;
import jrocker.step03.testing.TarArchive.Member;
import jrocker.step03.testing.TarArchive;

/** Test helpers: archives built in memory ({@link TarArchive}), read back in memory, and GNU tar run as a reference. */
public final class Tars {
    private Tars() {
    }

    public static byte[] tar(Member... members) {
        return TarArchive.tar(members);
    }

    public static byte[] tar(List<Member> members) {
        return TarArchive.tar(members);
    }

    public static byte[] gzip(byte[] data) {
        return TarArchive.gzip(data);
    }

    /** Every entry with its content, in archive order. */
    public static List<Member> read(byte[] archive) throws IOException {
        List<Member> members = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                members.add(new Member(entry, reader.content().readAllBytes()));
            }
        }
        return members;
    }

    public static List<TarEntry> list(byte[] archive) throws IOException {
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            return reader.entries();
        }
    }

    public static Map<String, String> contentsByName(List<Member> members) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Member member : members) {
            contents.put(member.entry().name(), new String(member.content(), StandardCharsets.UTF_8));
        }
        return contents;
    }

    /** Run GNU tar in {@code directory}; fails the test unless it exits 0. Returns its standard output. */
    public static String gnuTar(Path directory, String... arguments) throws IOException, InterruptedException {
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

    public static boolean hasGnuTar() {
        try {
            Process process = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 && output.contains("GNU tar");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
