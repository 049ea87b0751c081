package jrocker.course;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles a few source files held in memory, in this JVM, against a class path. */
final class Javac {
    private Javac() {
    }

    /**
     * Compile {@code sources} (path relative to the project, text) into {@code output}. Returns the errors,
     * one per line with file and line number; empty when it compiled.
     */
    static List<String> compile(Map<Path, String> sources, List<Path> classPath, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new CourseException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "): run the build with a JDK, not a JRE");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new Source(path, text)));
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-Xlint:none", "-nowarn",
                "-encoding", "UTF-8", "-d", output.toString(),
                "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled = compiler.getTask(null, null, diagnostics, options, null, units).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                String file = diagnostic.getSource() == null ? "" : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": ";
                errors.add(file + diagnostic.getMessage(Locale.ROOT));
            }
        }
        if (!compiled && errors.isEmpty()) {
            errors.add("javac failed without an error message");
        }
        return errors;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;
        private final String name;

        Source(Path path, String text) {
            super(URI.create("string:///" + path.toString().replace(File.separatorChar, '/')), Kind.SOURCE);
            this.text = text;
            this.name = path.toString();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
