package jrocker.step03.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles {@code breakout.c} (step03's test resources), the chroot escape that chapter 3 shows and
 * step04's pivot_root defeats. Statically, so it runs in a busybox root file system without libraries.
 * For tests of step03 and step04 (through step03's test-jar).
 */
public final class Breakout {
    /** breakout.c, seen from any step module's directory (where Maven runs its tests). */
    public static final Path SOURCE = Path.of("..", "step03-busybox-rootfs", "src", "test", "resources", "breakout.c");

    private Breakout() {
    }

    /** Compile breakout.c to {@code program} with {@code gcc -static}; a missing compiler is a clear error. */
    public static Path compile(Path program) throws IOException, InterruptedException {
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-static", "-O1", "-o", program.toString(), SOURCE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("the chroot-escape test needs gcc: sudo apt-get install gcc libc6-dev", e);
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        if (gcc.waitFor() != 0 || !Files.isExecutable(program)) {
            throw new IOException("gcc -static breakout.c failed (is libc6-dev installed?):\n" + output);
        }
        return program;
    }
}
