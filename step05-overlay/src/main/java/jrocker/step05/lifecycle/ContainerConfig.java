package jrocker.step05.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container was created with; written once, to {@code containers/ID/config.json}, and never changed.
 * What changes (running, exited, its PID, its exit code) is in {@link ContainerState}.
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
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("image", image);
        json.put("imageId", imageId);
        json.put("argv", argv);
        json.put("env", env);
        json.put("workingDir", workingDir);
        json.put("hostname", hostname);
        json.put("created", created.toString());
        json.put("autoRemove", autoRemove);
        json.put("detached", detached);
        json.put("tty", tty);
        json.put("volumes", volumes);
        return json;
    }

    static ContainerConfig fromJson(Map<String, Object> json) {
        return new ContainerConfig((String) json.get("id"), (String) json.get("name"), (String) json.get("image"),
                (String) json.get("imageId"), StateJson.strings(json.get("argv")), StateJson.strings(json.get("env")),
                (String) json.get("workingDir"), (String) json.get("hostname"), Instant.parse((String) json.get("created")),
                Boolean.TRUE.equals(json.get("autoRemove")), Boolean.TRUE.equals(json.get("detached")),
                Boolean.TRUE.equals(json.get("tty")), StateJson.strings(json.get("volumes")));
    }
}
