package jrocker.step05.walls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this kernel and this process can give a container: its bounding set, the last capability it knows. */
final class HostCapabilities {
    private HostCapabilities() {
    }

    /** jrocker's own bounding set (CapBnd in /proc/self/status): the init inherits it; no container gets more. */
    static CapabilitySet boundingSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return CapabilitySet.fromHex(line.substring("CapBnd:".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("/proc/self/status has no CapBnd line");
    }

    /** /proc/sys/kernel/cap_last_cap: the highest capability number this kernel has (40 on Linux 5.9+). */
    static int lastCapability() {
        try {
            return Math.min(63, Integer.parseInt(firstLine("/proc/sys/kernel/cap_last_cap")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first line of a /proc/sys file. Read line by line: some kernels report a size for these files that is
     * not their length, and a read of "the whole file" by its size (Files.readString) then stops after one byte.
     */
    private static String firstLine(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).get(0).strip();
    }

    /** uname -r, as /proc/sys/kernel/osrelease says it. */
    static String kernelRelease() {
        try {
            return firstLine("/proc/sys/kernel/osrelease");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
