package jrocker.course;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles source files held in memory, in this JVM, against a class path. One compiler and one file
 * manager serve every compilation of a JVM: the second compilation of a {@code ./workshop watch} finds
 * javac's classes loaded and compiled, and the jars of the class path already indexed.
 */
final class Javac {
    private static JavaCompiler compiler;
    private static StandardJavaFileManager files;

    private Javac() {
    }

    /**
     * What a compilation made: its errors (one per line, with file and line number; empty when it
     * compiled), and for each source file the classes it produced and the fingerprint of its interface
     * (every non-private member's kind, modifiers, name, type and constant value): two fingerprints are
     * equal when no other class can notice a difference, so only the changed file needs compiling again.
     */
    record Result(List<String> errors, Map<Path, List<String>> classes, Map<Path, String> interfaces) {
        boolean compiled() {
            return errors.isEmpty();
        }
    }

    /**
     * Compile {@code sources} (path relative to the project, text) into {@code output}. Returns the errors,
     * one per line with file and line number; empty when it compiled.
     */
    static List<String> compile(Map<Path, String> sources, List<Path> classPath, Path output) {
        return compileAll(sources, classPath, output).errors();
    }

    /** {@link #compile}, with the classes each source produced and the fingerprints of their interfaces. */
    static synchronized Result compileAll(Map<Path, String> sources, List<Path> classPath, Path output) {
        if (compiler == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                throw new CourseException("no Java compiler in this JVM (" + System.getProperty("java.home")
                        + "): run it with a JDK, not a JRE");
            }
            files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        }
        Map<String, Path> byUri = new LinkedHashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> {
            Source unit = new Source(path, text);
            units.add(unit);
            byUri.put(unit.toUri().toString(), path);
        });
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-Xlint:none", "-nowarn",
                "-XDstringConcat=inline", "-encoding", "UTF-8", "-d", output.toString(),
                "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<Path, List<String>> classes = new TreeMap<>();
        Map<Path, StringBuilder> interfaces = new TreeMap<>();
        JavaFileManager recording = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) throws IOException {
                Path source = sibling == null ? null : byUri.get(sibling.toUri().toString());
                if (source != null) {
                    classes.computeIfAbsent(source, s -> new ArrayList<>()).add(className);
                }
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
        };
        JavacTask task = (JavacTask) compiler.getTask(null, recording, diagnostics, options, null, units);
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
                if (event.getKind() == TaskEvent.Kind.ANALYZE && event.getTypeElement() != null) {
                    Path source = byUri.get(event.getSourceFile().toUri().toString());
                    if (source != null) {
                        fingerprint(event.getTypeElement(), interfaces.computeIfAbsent(source, s -> new StringBuilder()));
                    }
                }
            }
        });
        boolean compiled;
        try {
            compiled = task.call();
        } catch (IllegalStateException e) {
            throw new UncheckedIOException(new IOException("javac failed: " + e.getMessage(), e));
        }
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
        Map<Path, String> fingerprints = new TreeMap<>();
        interfaces.forEach((path, text) -> fingerprints.put(path, StepBuild.sha256(text.toString().getBytes(StandardCharsets.UTF_8))));
        return new Result(errors, classes, fingerprints);
    }

    /** What other classes can see of {@code type}: its members but the private ones, nested types included. */
    private static void fingerprint(Element type, StringBuilder text) {
        text.append(type.getKind()).append(' ').append(type.getModifiers()).append(' ').append(type).append(' ')
                .append(type instanceof TypeElement t ? t.getSuperclass() + " " + t.getInterfaces() : "").append('\n');
        for (Element member : type.getEnclosedElements()) {
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            if (member.getKind().isClass() || member.getKind().isInterface()) {
                fingerprint(member, text);
                continue;
            }
            text.append(' ').append(member.getKind()).append(' ').append(member.getModifiers()).append(' ')
                    .append(member.getSimpleName()).append(' ').append(member.asType());
            if (member.getKind() == ElementKind.FIELD && member instanceof VariableElement field && field.getConstantValue() != null) {
                text.append(" = ").append(field.getConstantValue());
            }
            text.append('\n');
        }
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
