package jrocker.step01.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place for the options of jrocker's JVMs: the CLI (started by the {@code jrocker} launcher
 * scripts) and the container's init (started by {@link ContainerLauncher}). Both live for a fraction of
 * a second, so every option here trades long-run speed for start-up time.
 *
 * <p>The launcher scripts are shell, so they cannot call this class; they hold a copy of {@link #CLI},
 * {@link #CLI_STREAMING} and {@link #STREAMING_COMMANDS}, and {@code JvmOptionsTest} fails the build when the
 * copy differs.
 */
public final class JvmOptions {
    // tag::options[]
    /**
     * Every jrocker JVM: one GC thread (SerialGC), no /tmp/hsperfdata file (every init is PID 1 of its
     * namespace, so their files would collide), class data sharing when an archive can be used and
     * silently without it, and no log line about an archive that does not fit this JDK or class path: the
     * init's stdout is the container's. From JDK 22 on, a JVM warns on stderr when a library (JNA) loads
     * native code unless native access is enabled; the init's stderr is the container's too.
     */
    public static final List<String> COMMON = List.of(
            "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
            "--enable-native-access=ALL-UNNAMED");

    /** The CLI: {@link #COMMON}, and only the quick C1 compiler: most commands are over in 0.1 s. */
    public static final List<String> CLI = concat(COMMON, List.of("-XX:TieredStopAtLevel=1"));

    /**
     * The CLI's commands that stream hundreds of megabytes through a digest: they run with
     * {@link #CLI_STREAMING}, the others with {@link #CLI}. {@code run} is not one of them, even though it
     * pulls a missing image: it is the command whose start time matters, and an image is pulled once.
     */
    public static final List<String> STREAMING_COMMANDS = List.of("import", "load", "commit", "export", "rootfs", "pull");

    /**
     * The options of the {@link #STREAMING_COMMANDS}: all of {@link #COMMON} but with the optimizing C2
     * compiler too, which alone uses the CPU's SHA-256 instructions for the digests of layers (about six times
     * faster than C1's code: a pull of a 350 MB image took 7 s with C1 only, 4 s with C2). C2 only for the
     * hottest code, though (thresholds five times the defaults): with the defaults it compiled some 300
     * methods of an import, about 0.9 s of CPU taken from the two threads that decompress and unpack.
     */
    public static final List<String> CLI_STREAMING = concat(COMMON, List.of("-XX:Tier4InvocationThreshold=25000",
            "-XX:Tier4MinInvocationThreshold=3000", "-XX:Tier4CompileThreshold=75000", "-XX:Tier4BackEdgeThreshold=200000"));

    /** The init: the CLI's, and a small heap and one compiler thread (it runs for some 50 ms, then execs). */
    public static final List<String> INIT = concat(CLI, List.of("-Xms4m", "-Xmx64m", "-XX:CICompilerCount=1"));
    // end::options[]

    /**
     * Where JNA finds its native part and the system's libraries. Without {@code jna.boot.library.path}
     * JNA copies its native part out of its jar into a temporary file on every start; without
     * {@code jna.platform.library.path} it runs {@code ldconfig -p} (a process) to learn where libraries
     * are. jrocker binds only libc, which is always loaded.
     */
    static final String JNA_BOOT_LIBRARY_PATH = "jna.boot.library.path";
    static final String JNA_PLATFORM_LIBRARY_PATH = "jna.platform.library.path";
    static final String DEFAULT_PLATFORM_LIBRARY_PATH = "/usr/lib64:/lib64:/usr/lib:/lib";

    private JvmOptions() {
    }

    /**
     * The options of an init JVM whose class path is {@code classPath}: {@link #INIT}, where JNA's native
     * part is (as this JVM was told, else {@code native/} beside the jar, where the build unpacks it), and
     * a class data sharing archive when there is one for this JDK and class path ({@link ClassArchives}).
     */
    public static List<String> forInit(String classPath) {
        List<String> options = new ArrayList<>(INIT);
        String boot = System.getProperty(JNA_BOOT_LIBRARY_PATH);
        if (boot == null || boot.isEmpty()) {
            boot = unpackedJnaDirectory(classPath);
        }
        if (boot != null) {
            options.add("-D" + JNA_BOOT_LIBRARY_PATH + "=" + boot);
        }
        options.add("-D" + JNA_PLATFORM_LIBRARY_PATH + "="
                + System.getProperty(JNA_PLATFORM_LIBRARY_PATH, DEFAULT_PLATFORM_LIBRARY_PATH));
        options.addAll(ClassArchives.initOptions(classPath));
        return options;
    }

    /**
     * {@code native/com/sun/jna/linux-ARCH} beside the first jar of {@code classPath}, if the build unpacked
     * JNA's native library for this machine there; else null (JNA then unpacks it itself).
     */
    static String unpackedJnaDirectory(String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return null;
        }
        String first = classPath.split(java.io.File.pathSeparator)[0];
        java.nio.file.Path directory = java.nio.file.Path.of(first).toAbsolutePath().resolveSibling("native")
                .resolve("com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX);
        return java.nio.file.Files.isRegularFile(directory.resolve("libjnidispatch.so")) ? directory.toString() : null;
    }

    /**
     * The JVM turns file names into Strings with its locale's character set, read from {@code LC_ALL},
     * {@code LC_CTYPE} or {@code LANG} when it starts: with none of them, or {@code C}/{@code POSIX}, that is
     * ASCII, and a name like {@code etc/café} cannot be used at all. So when {@code environment} (of a JVM
     * about to start) gives no real locale, it gets {@code C.UTF-8} (part of glibc) for the character type
     * only, in {@code LC_CTYPE}, or in {@code LC_ALL} when that is what says C. A container's command never
     * sees this: it gets the image's environment. The launcher scripts apply the same rule
     * ({@code JvmOptionsTest} runs them).
     */
    public static void withUtf8Locale(Map<String, String> environment) {
        String characterType = firstSet(environment, "LC_ALL", "LC_CTYPE", "LANG");
        if (characterType.isEmpty() || characterType.equals("C") || characterType.equals("POSIX")) {
            boolean fromLcAll = !environment.getOrDefault("LC_ALL", "").isEmpty();
            environment.put(fromLcAll ? "LC_ALL" : "LC_CTYPE", UTF8_LOCALE);
        }
    }

    /** The UTF-8 locale every glibc has (C.UTF-8: the C locale's rules, UTF-8 characters). */
    static final String UTF8_LOCALE = "C.UTF-8";

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.getOrDefault(name, "");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
