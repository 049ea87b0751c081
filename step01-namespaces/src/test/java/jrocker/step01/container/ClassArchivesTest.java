package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class data sharing archives made on first use, with a real JVM and a real jar: record a class list,
 * turn it into an archive, use it, and drop it when the jar changes. No root needed.
 */
class ClassArchivesTest {

    /** The program in the test jar. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello " + List.of(args));
        }
    }

    @TempDir
    Path target;

    private Path jar() throws IOException {
        Path jar = target.resolve("jrocker.jar");
        String name = Hello.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream in = Hello.class.getClassLoader().getResourceAsStream(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
        }
        return jar;
    }

    private static String java(List<String> options, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.INIT);
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), Hello.class.getName(), "world"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    /** A PID no process has any more: the recording JVM's CLI has exited. */
    private static long finishedPid() throws IOException, InterruptedException {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        return done.pid();
    }

    @Test
    void recordsAClassListThenMakesAnArchiveThatTheNextJvmUses() throws Exception {
        Path jar = jar();
        ClassArchives archives = ClassArchives.forClassPath(jar.toString());

        List<String> record = archives.options(ClassArchives.INIT);
        assertEquals(1, record.size());
        assertTrue(record.get(0).startsWith("-XX:DumpLoadedClassList=" + target.resolve("cds")), record.toString());
        assertEquals("hello [world]\n", java(record, jar));

        // Recorded by a JVM whose CLI is this test: not finished until this JVM exits.
        Path list = Path.of(record.get(0).substring("-XX:DumpLoadedClassList=".length()));
        assertTrue(Files.readAllLines(list).contains(Hello.class.getName().replace('.', '/')));
        assertEquals(List.of(), archives.finishedLists(ClassArchives.INIT));
        Path finished = list.resolveSibling("init-" + finishedPid() + "-1.classlist");
        Files.move(list, finished);
        assertEquals(List.of(finished), archives.finishedLists(ClassArchives.INIT));

        archives.update(ClassArchives.INIT);

        assertTrue(Files.isRegularFile(archives.archive(ClassArchives.INIT)));
        assertFalse(Files.exists(finished), "a list turned into an archive is deleted");
        List<String> use = archives.options(ClassArchives.INIT);
        assertEquals(List.of("-XX:SharedArchiveFile=" + archives.archive(ClassArchives.INIT)), use);
        assertEquals("hello [world]\n", java(use, jar), "the archive is used without a word on stdout");
        List<String> logged = new ArrayList<>(use);
        logged.add("-Xlog:class+load=info");
        assertTrue(java(logged, jar).contains(Hello.class.getName() + " source: shared objects file"),
                "the test's class comes from the archive");
    }

    @Test
    void anArchiveForOtherJarsIsDeletedAndAStaleOneNeverBreaksAJvm() throws Exception {
        Path jar = jar();
        ClassArchives archives = ClassArchives.forClassPath(jar.toString());
        List<String> record = archives.options(ClassArchives.INIT);
        java(record, jar);
        Path list = Path.of(record.get(0).substring("-XX:DumpLoadedClassList=".length()));
        Files.move(list, list.resolveSibling("init-" + finishedPid() + "-1.classlist"));
        archives.update(ClassArchives.INIT);
        Path archive = archives.archive(ClassArchives.INIT);
        assertTrue(Files.isRegularFile(archive));

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        // The JVM refuses the archive of a jar that changed, silently; the next update deletes it.
        assertEquals("hello [world]\n", java(List.of("-XX:SharedArchiveFile=" + archive), jar));
        ClassArchives.forClassPath(jar.toString()).update(ClassArchives.INIT);
        assertFalse(Files.exists(archive));
    }

    @Test
    void directoriesOnTheClassPathCannotBeArchived() throws IOException {
        assertNull(ClassArchives.forClassPath(target.toString()));
        assertNull(ClassArchives.forClassPath(""));
        assertEquals(List.of(), ClassArchives.initOptions(target.toString()));
    }
}
