package jrocker.step05.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a registry is and how to talk to it. The domain of an image reference names it
 * ({@code docker.io}, {@code quay.io}, {@code localhost:5000}, {@code [::1]:5000}); Docker Hub's API is
 * served by another host, {@code registry-1.docker.io}.
 *
 * <p><b>TLS by default (docker's rule).</b> A registry is spoken to over HTTPS with its certificate
 * verified, except a registry on this machine's loopback interface ({@code localhost}, {@code 127.0.0.0/8},
 * {@code ::1}), which docker and jrocker reach over plain HTTP without being asked: nothing leaves the
 * machine. {@code --tls-verify=false} (podman's flag) is for a registry on a test network: HTTPS without
 * checking the certificate (a self-signed one is fine), and plain HTTP if the registry does not speak TLS at
 * all, as podman does. Then anyone on the way can read and change what is pulled, except that every blob is
 * still checked against its digest, and the digests come from the manifest, which the same connection
 * carried: so only a pull by digest is then safe.
 *
 * @param domain            the reference's domain, e.g. {@code localhost:5000}
 * @param base              the API's root, e.g. {@code http://localhost:5000/v2/}
 * @param verifyCertificate false: an HTTPS registry's certificate is not checked, and plain HTTP is tried
 *                          when it does not speak TLS ({@code --tls-verify=false})
 */
public record Registry(String domain, URI base, boolean verifyCertificate) {
    static final String DOCKER_HUB = "docker.io";
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final Pattern IP_ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** The registry of an image reference's domain; {@code tlsVerify} false: {@code --tls-verify=false}. */
    public static Registry of(String domain, boolean tlsVerify) {
        String host = domain.equals(DOCKER_HUB) ? DOCKER_HUB_API : domain;
        if (!tlsVerify) {
            return new Registry(domain, URI.create("https://" + host + "/v2/"), false);
        }
        return isLoopback(host) ? new Registry(domain, URI.create("http://" + host + "/v2/"), false)
                : new Registry(domain, URI.create("https://" + host + "/v2/"), true);
    }

    /** True when a failed first contact over HTTPS may be tried again over plain HTTP: --tls-verify=false. */
    boolean mayFallBackToPlainHttp() {
        return !verifyCertificate && base.getScheme().equals("https");
    }

    /** The same registry over plain HTTP. */
    Registry overPlainHttp() {
        return new Registry(domain, URI.create("http://" + base.getRawAuthority() + "/v2/"), false);
    }

    /** True for a registry that plain HTTP may reach: {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, any port. */
    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) { // an IPv6 address: [::1]:5000, also written [0:0:0:0:0:0:0:1]
            String address = host.substring(1, Math.max(1, host.indexOf(']')));
            if (!IP_ADDRESS_LITERAL.matcher(address).matches()) {
                return false;
            }
            try { // a literal address: no name is looked up
                return InetAddress.getByName("[" + address + "]").isLoopbackAddress();
            } catch (UnknownHostException notAnAddress) {
                return false;
            }
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
