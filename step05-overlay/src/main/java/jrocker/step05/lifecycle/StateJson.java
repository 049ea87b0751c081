package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jrocker.step05.image.Json;

/**
 * Reading and writing a container's JSON files, whole or not at all. A record maps to a file with one field
 * per component, of the same name; a component that is null is left out, and reads back as null.
 */
final class StateJson {
    private StateJson() {
    }

    /**
     * Write {@code record} to {@code file} atomically: to a temporary file next to it, then rename(2) over it.
     * A reader (another jrocker command) sees the old content or the new one, never half of it, and a crash
     * leaves at most a stray temporary file.
     */
    static void write(Path file, Record record) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.write(partial, Json.write(record));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Read {@code file} into a {@code type}; a corrupt file fails with a one-line message that names it. */
    static <T extends Record> T read(Path file, Class<T> type) throws IOException {
        return Json.read(Files.readAllBytes(file), type, file.toString());
    }
}
