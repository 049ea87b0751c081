package jrocker.step05.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or token) for a registry, as {@code jrocker login} stores them. */
public record Credentials(String username, String password) {
    /** {@code Basic base64(user:password)}: HTTP's basic authentication, for registries and token servers. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the password, in a message or a log
    }
}
