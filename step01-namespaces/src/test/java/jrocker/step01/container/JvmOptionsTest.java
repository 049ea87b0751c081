package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options of the CLI and the init, and the launcher's copy of them: no root needed. */
class JvmOptionsTest {

    /** The launcher script at the top of the repository holds the CLI's options; they must not drift apart. */
    @Test
    void theLauncherScriptStartsTheCliWithTheseOptions() throws IOException {
        String script = Files.readString(Path.of("..", "jrocker"));
        Matcher line = Pattern.compile("(?m)^ +options=\\((.*)\\) ;;$").matcher(script);

        assertTrue(line.find(), "the launcher has an options=(...) line for streaming commands");
        assertEquals(JvmOptions.CLI_STREAMING, List.of(line.group(1).split(" ")));
        assertTrue(line.find(), "the launcher has an options=(...) line for the other commands");
        assertEquals(JvmOptions.CLI, List.of(line.group(1).split(" ")));
        assertFalse(line.find());

        Matcher commands = Pattern.compile("(?m)^ +([a-z|]+)\\) # CLI_STREAMING").matcher(script);
        assertTrue(commands.find(), "the launcher has a case for the streaming commands");
        assertEquals(JvmOptions.STREAMING_COMMANDS, List.of(commands.group(1).split("\\|")));
    }

    /**
     * The launcher's locale rule and {@link JvmOptions#withUtf8Locale}'s give the same JVM environment: the
     * launcher script is run for real (a copy, in a directory with one step and a jar), with a {@code java}
     * that prints the three variables instead of starting.
     */
    @Test
    void theLauncherAndTheInitGetTheSameUtf8LocaleWhenTheEnvironmentGivesNone(@TempDir Path top) throws Exception {
        Files.copy(Path.of("..", "jrocker"), top.resolve("jrocker"));
        Files.createDirectories(top.resolve("step09-example/target"));
        Files.writeString(top.resolve("step09-example/jrocker"), "");
        Files.writeString(top.resolve("step09-example/target/jrocker.jar"), "");
        Path java = Files.createDirectories(top.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"LC_ALL=${LC_ALL-} LC_CTYPE=${LC_CTYPE-} LANG=${LANG-}\"\n");
        java.toFile().setExecutable(true);

        List<Map<String, String>> environments = List.of(Map.of(), Map.of("LANG", "C"), Map.of("LC_ALL", "POSIX"),
                Map.of("LANG", "de_DE.UTF-8"), Map.of("LC_CTYPE", "C", "LANG", "de_DE.UTF-8"),
                Map.of("LC_ALL", "C", "LANG", "de_DE.UTF-8"), Map.of("LANG", "C", "LC_CTYPE", "fr_FR.ISO-8859-1"));
        for (Map<String, String> given : environments) {
            ProcessBuilder launcher = new ProcessBuilder("bash", top.resolve("jrocker").toString(), "version")
                    .redirectErrorStream(true);
            launcher.environment().clear();
            launcher.environment().putAll(given);
            launcher.environment().put("PATH", "/usr/bin:/bin");
            launcher.environment().put("JAVA_HOME", top.resolve("jdk").toString());
            Process process = launcher.start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor(), printed);

            Map<String, String> expected = new HashMap<>(given);
            JvmOptions.withUtf8Locale(expected);
            assertEquals("LC_ALL=" + expected.getOrDefault("LC_ALL", "") + " LC_CTYPE="
                    + expected.getOrDefault("LC_CTYPE", "") + " LANG=" + expected.getOrDefault("LANG", ""), printed,
                    "environment " + given);
        }
    }

    @Test
    void noLocaleOrTheCLocaleBecomesCUtf8ForTheCharacterTypeOnly() {
        Map<String, String> none = new HashMap<>();
        JvmOptions.withUtf8Locale(none);
        assertEquals(Map.of("LC_CTYPE", "C.UTF-8"), none);

        Map<String, String> lcAllC = new HashMap<>(Map.of("LC_ALL", "C", "LANG", "de_DE.UTF-8"));
        JvmOptions.withUtf8Locale(lcAllC);
        assertEquals(Map.of("LC_ALL", "C.UTF-8", "LANG", "de_DE.UTF-8"), lcAllC);

        Map<String, String> chosen = new HashMap<>(Map.of("LANG", "fr_FR.ISO-8859-1"));
        JvmOptions.withUtf8Locale(chosen);
        assertEquals(Map.of("LANG", "fr_FR.ISO-8859-1"), chosen, "a locale the user chose stays");
    }

    @Test
    void theInitGetsTheCliOptionsASmallHeapAndJnaWithoutLdconfig() {
        List<String> options = JvmOptions.forInit(System.getProperty("java.class.path"));

        assertEquals(JvmOptions.INIT, options.subList(0, JvmOptions.INIT.size()));
        // the literal values, not the lists' definitions again
        assertTrue(options.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED")), options.toString());
        assertTrue(options.stream().anyMatch(option -> option.startsWith("-Djna.platform.library.path=")), options.toString());
    }

    /** Tests run from target/classes: CDS archives only classes from jars, so nothing is recorded or used. */
    @Test
    void aClassPathOfDirectoriesGetsNoClassDataSharingOptions() {
        List<String> options = JvmOptions.forInit(System.getProperty("java.class.path"));

        assertFalse(options.stream().anyMatch(option -> option.contains("SharedArchiveFile")
                || option.contains("DumpLoadedClassList")), options.toString());
    }

    @Test
    void jnaNativeDirectoryIsUsedOnlyWhenTheBuildUnpackedIt(@TempDir Path target) throws IOException {
        Path jar = Files.writeString(target.resolve("jrocker.jar"), "not really a jar");
        assertEquals(null, JvmOptions.unpackedJnaDirectory(jar.toString()));

        Path directory = target.resolve("native/com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("libjnidispatch.so"), "");
        assertEquals(directory.toString(), JvmOptions.unpackedJnaDirectory(jar.toString()));
    }
}
