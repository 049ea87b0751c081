package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("command-lookup") // the exercise these tests check (see docs/src/course)
class CommandLookupTest {
    @TempDir
    Path dir;

    private Path file(String name, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void searchesPathInOrderAndSkipsWhatIsNotExecutable() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.setPosixFilePermissions(Files.writeString(first.resolve("tool"), ""), PosixFilePermissions.fromString("rw-r--r--"));
        Path executable = Files.writeString(second.resolve("tool"), "");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(executable.toString(), CommandLookup.find("tool", first + ":" + second));
    }

    @Test
    void aMissingCommandIs127() {
        ContainerException failure = assertThrows(ContainerException.class,
                () -> CommandLookup.find("nope", dir.toString()));
        assertEquals(127, failure.exitCode());
        assertEquals("exec: \"nope\": executable file not found in $PATH (" + dir + ")", failure.getMessage());
    }

    @Test
    void aPathIsUsedAsItIs() throws IOException {
        Path tool = file("tool", "rwxr-xr-x");
        assertEquals(tool.toString(), CommandLookup.find(tool.toString(), "/nowhere"));
    }

    @Test
    void aDirectoryOrAFileWithoutExecutePermissionIs126() throws IOException {
        Path plain = file("plain", "rw-r--r--");
        // root may read anything, but the kernel still wants an execute bit on some class.
        assertEquals(126, assertThrows(ContainerException.class, () -> CommandLookup.find(plain.toString(), "")).exitCode());
        assertEquals(126, assertThrows(ContainerException.class, () -> CommandLookup.find(dir.toString(), "")).exitCode());
        assertEquals(127, assertThrows(ContainerException.class, () -> CommandLookup.find(dir + "/missing", "")).exitCode());
    }
}
