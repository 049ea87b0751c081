package jrocker.step05.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Where a registry is and how to talk to it. The domain of an image reference names it
 * ({@code docker.io}, {@code quay.io}, {@code localhost:5000}); Docker Hub's API is served by another host,
 * {@code registry-1.docker.io}.
 *
 * <p><b>TLS by default (docker's rule).</b> A registry is spoken to over HTTPS with the certificate
 * verified, except a registry on this machine's loopback interface ({@code localhost}, {@code 127.0.0.0/8},
 * {@code ::1}), which docker and jrocker reach over plain HTTP without being asked: nothing leaves the
 * machine. {@code --tls-verify=false} (podman's flag) allows plain HTTP for another registry, e.g. one on a
 * test network; then anyone on the way can read and change what is pulled, except that every blob is still
 * checked against its digest, and the digests come from the manifest, which the same connection
 * carried: so only a pull by digest is then safe.
 *
 * @param domain the reference's domain, e.g. {@code localhost:5000}
 * @param base   the API's root, e.g. {@code http://localhost:5000/v2/}
 */
public record Registry(String domain, URI base) {
    static final String DOCKER_HUB = "docker.io";
    static final String DOCKER_HUB_API = "registry-1.docker.io";

    /** The registry of an image reference's domain; {@code tlsVerify} false allows plain HTTP to any host. */
    public static Registry of(String domain, boolean tlsVerify) {
        String host = domain.equals(DOCKER_HUB) ? DOCKER_HUB_API : domain;
        boolean plain = !tlsVerify || isLoopback(host);
        return new Registry(domain, URI.create((plain ? "http://" : "https://") + host + "/v2/"));
    }

    /** True for a registry that plain HTTP may reach: {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, any port. */
    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) { // an IPv6 address: [::1]:5000
            return host.startsWith("[::1]");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.matches("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    }

    /** {@code /v2/<path>/<what>} on this registry. */
    URI resolve(String relative) {
        return base.resolve(relative);
    }

    /** "localhost:5000", for messages. */
    @Override
    public String toString() {
        return domain;
    }
}
