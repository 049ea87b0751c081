package jrocker.step03.rootfs;

import jrocker.step03.tar.TarEntry;

/**
 * Told about each entry as {@link TarUnpacker} goes: for progress output, or for logging what was skipped.
 * Both methods do nothing by default, so a listener overrides only what it needs.
 */
public interface UnpackListener {
    UnpackListener SILENT = new UnpackListener() {
    };

    /** {@code entry} is now on disk. */
    default void unpacked(TarEntry entry) {
    }

    /** {@code entry} was left out, for {@code reason} (e.g. a device node, which Java cannot create). */
    default void skipped(TarEntry entry, String reason) {
    }
}
