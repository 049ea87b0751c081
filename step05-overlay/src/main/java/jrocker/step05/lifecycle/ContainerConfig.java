package jrocker.step05.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What a container was created with; written once, to {@code containers/ID/config.json}, and never changed.
 * What changes (running, exited, its PID, its exit code) is in {@link ContainerState}. The components are the
 * file's field names (see {@link StateJson}).
 *
 * @param id         64 hex digits
 * @param name       unique among containers (see {@link ContainerNames})
 * @param image      the image as the user named it (e.g. "busybox"); a --rootfs container has no record
 * @param imageId    the image's ID (sha256:...)
 * @param argv       what PID 1 runs
 * @param env        its environment, KEY=VALUE
 * @param workingDir where it starts, inside the container ("" for the image's default, "/")
 * @param hostname   the container's hostname
 * @param created    when it was created
 * @param autoRemove {@code run --rm}: removed as soon as it exits
 * @param detached   {@code run -d}: its output goes to {@code container.log}
 * @param tty        {@code run -t}: it has a terminal
 * @param volumes    the {@code -v} specifications, as given
 */
public record ContainerConfig(String id, String name, String image, String imageId, List<String> argv, List<String> env,
                              String workingDir, String hostname, Instant created, boolean autoRemove, boolean detached,
                              boolean tty, List<String> volumes) {
    public ContainerConfig {
        argv = argv == null ? List.of() : List.copyOf(argv);
        env = env == null ? List.of() : List.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
}
