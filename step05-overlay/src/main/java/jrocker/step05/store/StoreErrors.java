package jrocker.step05.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * One line for a user from an IOException. The JDK's file exceptions carry only a path as their message
 * ("/x/y"), which says nothing on its own: "no such file: /x/y" does.
 */
public final class StoreErrors {
    private StoreErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile()
                    + (missing.getReason() == null ? "" : " (" + missing.getReason() + ")");
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile() + " (run jrocker as root)";
        }
        if (e instanceof FileSystemException other && other.getReason() != null) {
            return other.getFile() + ": " + other.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
