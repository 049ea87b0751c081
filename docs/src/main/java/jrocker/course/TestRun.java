package jrocker.course;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a step's tests that carry some tags, in this JVM, with the JUnit Platform Launcher, and says how
 * each test ended. The step's classes are loaded by a class loader of their own that looks at its own
 * directories <em>first</em> for jrocker's step packages: a directory of skeleton classes put in front of
 * the step's classes replaces them, even when this JVM's class path holds the solution too (as the docs
 * module's tests do). JUnit, JNA, picocli and QuickTheories come from this JVM's class path.
 */
public final class TestRun {
    /** A test that runs longer than this fails (a loop that never ends in a learner's first attempt). */
    static final String TIMEOUT = "60 s";

    /** {@link Exercise#todoPrefix}'s text, the id captured. */
    private static final Pattern TODO = Pattern.compile(Pattern.quote(Exercise.TODO_BEFORE_ID)
            + "([a-z0-9]+(?:-[a-z0-9]+)*)" + Pattern.quote(Exercise.TODO_AFTER_ID));

    /** How one test ended: {@code failure} is null when it passed. */
    public record Outcome(String test, Set<String> tags, Throwable failure) {
        public boolean passed() {
            return failure == null;
        }

        /** The first line of the failure's message, or its type when it has none. */
        public String message() {
            if (failure == null) {
                return "passed";
            }
            String message = failure.getMessage();
            if (message == null || message.isBlank()) {
                return failure.getClass().getName();
            }
            String first = message.strip().lines().findFirst().orElse("");
            return first.length() > 300 ? first.substring(0, 297) + "..." : first;
        }

        /**
         * The exercise whose TODO this test ran into, if it did: the TODO's exception anywhere in the cause
         * chain, or its message inside another failure's (QuickTheories reports a falsified property with
         * the exception's text, not as its cause).
         */
        public String todoOf() {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                Matcher todo = TODO.matcher(String.valueOf(cause.getMessage()));
                if (todo.find()) {
                    return todo.group(1);
                }
            }
            return null;
        }
    }

    private TestRun() {
    }

    /**
     * Run the tests found in {@code testClasses} that carry any of {@code tags}, loading jrocker's classes
     * from {@code classPath} first (in that order; {@code testClasses} must be in it).
     */
    public static List<Outcome> run(List<Path> classPath, Path testClasses, Collection<String> tags) {
        return launch(classPath, List.copyOf(selectClasspathRoots(Set.of(testClasses))), tags);
    }

    /**
     * Run the tests of the classes named {@code testClasses} (qualified names) that carry any of {@code tags},
     * loading jrocker's classes from {@code classPath} first: quicker than looking through every test class.
     */
    public static List<Outcome> run(List<Path> classPath, List<String> testClasses, Collection<String> tags) {
        return launch(classPath, testClasses.stream().map(name -> (DiscoverySelector) selectClass(name)).toList(), tags);
    }

    /** One launcher per JVM: finding its engines is paid once, not on every check of a {@code watch}. */
    private static Launcher launcher;

    private static synchronized Launcher launcher() {
        if (launcher == null) {
            launcher = LauncherFactory.create();
        }
        return launcher;
    }

    private static List<Outcome> launch(List<Path> classPath, List<DiscoverySelector> selectors, Collection<String> tags) {
        URL[] urls = classPath.stream().map(TestRun::url).toArray(URL[]::new);
        List<Outcome> outcomes = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (StepClassLoader loader = new StepClassLoader(urls, TestRun.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .filters(TagFilter.includeTags(List.copyOf(tags)))
                    .configurationParameter("junit.jupiter.execution.timeout.default", TIMEOUT)
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .configurationParameter("junit.platform.output.capture.stdout", "false")
                    .build();
            launcher().execute(request, new Recorder(outcomes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return outcomes;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    /** Records every test's end; a failed container (a class whose set-up failed) fails each of its tests. */
    private static final class Recorder implements TestExecutionListener {
        private final List<Outcome> outcomes;
        private TestPlan plan;

        Recorder(List<Outcome> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            Throwable failure = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? null
                    : result.getThrowable().orElseGet(() -> new AssertionError("aborted"));
            if (identifier.isTest()) {
                outcomes.add(new Outcome(name(identifier), tags(identifier), failure));
            } else if (failure != null) {
                for (TestIdentifier test : plan.getDescendants(identifier)) {
                    if (test.isTest()) {
                        outcomes.add(new Outcome(name(test), tags(test), failure));
                    }
                }
            }
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            if (identifier.isTest()) {
                outcomes.add(new Outcome(name(identifier), tags(identifier), new AssertionError("skipped: " + reason)));
            }
        }

        private static String name(TestIdentifier test) {
            if (test.getSource().orElse(null) instanceof MethodSource method) {
                String type = method.getClassName();
                return type.substring(type.lastIndexOf('.') + 1) + "." + method.getMethodName()
                        + (test.getDisplayName().startsWith(method.getMethodName()) ? "" : " " + test.getDisplayName());
            }
            return test.getDisplayName();
        }

        private static Set<String> tags(TestIdentifier test) {
            Set<String> tags = new LinkedHashSet<>();
            for (TestTag tag : test.getTags()) {
                tags.add(tag.getName());
            }
            return tags;
        }
    }

    /**
     * Child first for jrocker's step classes and the tests' resources, parent first for everything else
     * (JUnit must be the same classes for the Launcher and the tests).
     */
    static final class StepClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        StepClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("jrocker.step")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
