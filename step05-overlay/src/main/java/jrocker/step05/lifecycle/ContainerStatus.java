package jrocker.step05.lifecycle;

import java.time.Duration;
import java.time.Instant;
import jrocker.step05.store.HumanUnits;

/**
 * A container's status right now, as {@code ps} shows it and {@code inspect} reports it.
 *
 * @param state    "created", "running" or "exited" (docker's words)
 * @param exitCode when exited: its status, or null when nobody could record it (see {@link ContainerRecord#status()})
 * @param since    when it started (running) or exited (exited); null when unknown
 */
public record ContainerStatus(String state, Integer exitCode, Instant since) {

    public boolean running() {
        return state.equals(ContainerState.RUNNING);
    }

    /** docker's STATUS column: "Up 3 minutes", "Exited (137) 5 seconds ago", "Created". */
    public String describe(Instant now) {
        return switch (state) {
            case ContainerState.RUNNING -> "Up " + HumanUnits.duration(between(now));
            case ContainerState.EXITED -> "Exited (" + (exitCode == null ? "unknown" : exitCode) + ")"
                    + (since == null ? "" : " " + HumanUnits.duration(between(now)) + " ago");
            default -> "Created";
        };
    }

    private Duration between(Instant now) {
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }
}
