package jrocker.step05.container;

import java.nio.file.Path;

/**
 * One {@code -v HOST:CTR[:ro]}: an absolute host directory (created if missing) or file and an absolute path
 * in the container. Parsed strictly: a typo must not bind the wrong directory. CTR may not be in /proc, /sys
 * or /dev: the init mounts the kernel's file systems there after the volumes, so a volume would be hidden
 * (runc refuses mounts into /proc too; docker lets a volume into /dev or /sys, where runc mounts it after them).
 */
public record Volume(Path host, String container, boolean readOnly) {

    public static Volume parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
            throw new IllegalArgumentException("invalid volume \"" + text + "\": use -v HOST_DIR:CONTAINER_DIR[:ro], e.g. -v /srv/data:/data:ro");
        }
        String host = parts[0];
        String container = parts[1];
        if (!host.startsWith("/") || !container.startsWith("/")) {
            throw new IllegalArgumentException("invalid volume \"" + text + "\": both paths must be absolute");
        }
        for (String component : container.split("/")) {
            if (component.equals("..")) {
                throw new IllegalArgumentException("invalid volume \"" + text + "\": \"..\" is not allowed in the container path");
            }
        }
        if (container.equals("/")) {
            throw new IllegalArgumentException("invalid volume \"" + text + "\": a volume cannot replace the container's root");
        }
        String target = Path.of(container).normalize().toString();
        for (String kernel : MountPoints.KERNEL_FILE_SYSTEMS) {
            if (target.equals(kernel) || target.startsWith(kernel + "/")) {
                throw new IllegalArgumentException("invalid volume \"" + text + "\": the container's " + kernel + " is a kernel file system,"
                        + " mounted after the volumes and over them; choose a path outside /proc, /sys and /dev");
            }
        }
        return new Volume(Path.of(host).normalize(), target, parts.length == 3 && parts[2].equals("ro"));
    }
}
