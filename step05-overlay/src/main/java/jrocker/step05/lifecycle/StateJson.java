package jrocker.step05.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jrocker.step05.image.Json;

/** Reading and writing a container's JSON files: whole, or not at all. */
final class StateJson {
    private StateJson() {
    }

    /**
     * Write {@code json} to {@code file} atomically: to a temporary file next to it, then rename(2) over it.
     * A reader (another jrocker command) sees the old content or the new one, never half of it, and a crash
     * leaves at most a stray temporary file.
     */
    static void write(Path file, Map<String, Object> json) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.write(partial, Json.writeBytes(json));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readAllBytes(file));
    }

    static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        if (list != null) {
            for (Object element : (List<?>) list) {
                strings.add((String) element);
            }
        }
        return strings;
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
