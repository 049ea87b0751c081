package jrocker.step02.cgroup;

import java.nio.file.Path;

/**
 * One control file write that puts a limit in place, such as {@code memory.max = 67108864}. A driver
 * first turns {@link ResourceLimits} into a list of settings (a pure function, easy to test and to read),
 * then writes them in list order; order matters (see {@link CgroupV1Driver#settings}).
 *
 * @param controller    the controller whose directory holds the file (on v1 each has its own tree)
 * @param file          the control file's name, e.g. {@code cpu.max}
 * @param value         what to write, already in the kernel's encoding
 * @param onlyIfPresent skip the write when the kernel does not offer the file (swap accounting can be
 *                      compiled out or switched off, and then memory.memsw.* and memory.swap.max are missing)
 */
public record Setting(String controller, String file, String value, boolean onlyIfPresent) {

    public static Setting of(String controller, String file, Object value) {
        return new Setting(controller, file, value.toString(), false);
    }

    public static Setting ifPresent(String controller, String file, Object value) {
        return new Setting(controller, file, value.toString(), true);
    }

    /** Write the value into {@code directory}, the container's cgroup in this controller's hierarchy. */
    void applyTo(CgroupFs fs, Path directory) {
        Path path = directory.resolve(file);
        if (onlyIfPresent && !fs.exists(path)) {
            return;
        }
        fs.write(path, value);
    }

    @Override
    public String toString() {
        return file + " = " + value + (onlyIfPresent ? " (if present)" : "");
    }
}
