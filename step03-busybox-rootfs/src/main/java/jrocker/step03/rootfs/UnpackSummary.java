package jrocker.step03.rootfs;

import java.util.List;
import jrocker.step03.tar.TarEntry;

/**
 * What an unpack did: {@code entries} unpacked, {@code bytes} of file content written, and the entries
 * left out with the reason for each.
 */
public record UnpackSummary(long entries, long bytes, List<Skipped> skipped) {

    public record Skipped(TarEntry entry, String reason) {
    }

    public UnpackSummary {
        skipped = List.copyOf(skipped);
    }

    /** One line for a log: {@code 412 entries, 1982256 bytes, 2 skipped (dev/console, dev/null)}. */
    @Override
    public String toString() {
        String text = entries + " entries, " + bytes + " bytes";
        if (skipped.isEmpty()) {
            return text;
        }
        List<String> names = skipped.stream().limit(5).map(s -> s.entry().name()).toList();
        return text + ", " + skipped.size() + " skipped (" + String.join(", ", names)
                + (skipped.size() > names.size() ? ", ..." : "") + ")";
    }
}
