package jrocker.course;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** This test JVM's class path, as the proof's libraries (JNA, picocli, JUnit, QuickTheories and the steps). */
final class TestClassPath {
    private TestClassPath() {
    }

    /** Surefire's test class path (its forked JVM may run from a manifest-only jar), else java.class.path. */
    static List<Path> libraries() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
