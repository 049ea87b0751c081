package jrocker.step03.rootfs;

import java.io.IOException;
import jrocker.step03.tar.TarEntry;

/**
 * A hook into {@link TarUnpacker}: it sees each entry before it is unpacked and decides whether the
 * unpacker handles it. Step05 uses it for OCI whiteouts: an entry {@code etc/.wh.motd} is not a file to
 * create but an order to delete {@code etc/motd}; the filter does that through {@link RootfsDirectory}
 * (so it cannot be tricked into deleting outside the root either) and answers false.
 */
@FunctionalInterface
public interface EntryFilter {
    /** Unpack everything. */
    EntryFilter ALL = (entry, rootfs) -> true;

    /**
     * True to unpack {@code entry} as usual; false to pass it by. The entry's content, if any, is skipped
     * by the reader either way.
     */
    boolean accept(TarEntry entry, RootfsDirectory rootfs) throws IOException;
}
