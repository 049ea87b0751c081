package jrocker.step05.image;

import java.util.Collection;

/** How a name a user gives finds an image in an archive or an index. */
public final class ImageNames {
    private ImageNames() {
    }

    /** Same text, or both are image references and normalize to the same one. */
    public static boolean matches(String nameInArchive, String wanted) {
        if (nameInArchive.equals(wanted)) {
            return true;
        }
        try {
            return ImageReference.parse(nameInArchive).equals(ImageReference.parse(wanted));
        } catch (InvalidReferenceException notAReference) {
            return false;
        }
    }

    /** "latest, 1.36" or "none", for messages. */
    public static String list(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
