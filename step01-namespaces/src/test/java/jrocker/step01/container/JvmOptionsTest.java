package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
