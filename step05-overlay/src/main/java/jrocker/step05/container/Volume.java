package jrocker.step05.container;

import java.nio.file.Path;

/**
 * One {@code -v HOST:CTR[:ro]}: an absolute host directory (created if missing) and an absolute path in
 * the container. Parsed strictly: a typo must not bind the wrong directory.
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
        return new Volume(Path.of(host).normalize(), Path.of(container).normalize().toString(), parts.length == 3 && parts[2].equals("ro"));
    }
}
