package jrocker.step05.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.net.URI;
import java.util.List;
import jrocker.step05.image.ImageReference;
import org.junit.jupiter.api.Test;

/** Which host a reference's registry is, and whether it is spoken to over plain HTTP. */
class RegistryTest {

    @Test
    void dockerHubsApiIsOnItsOwnHostOverHttps() {
        Registry hub = Registry.of(ImageReference.parse("busybox").domain(), true);
        assertEquals(URI.create("https://registry-1.docker.io/v2/"), hub.base());
        assertEquals(URI.create("https://registry-1.docker.io/v2/library/busybox/manifests/latest"),
                hub.resolve("library/busybox/manifests/latest"));
        assertEquals(URI.create("https://quay.io/v2/"), Registry.of("quay.io", true).base());
    }

    @Test
    void loopbackRegistriesArePlainHttpOthersOnlyWithTlsVerifyFalse() {
        assertEquals(URI.create("http://localhost:5000/v2/"), Registry.of("localhost:5000", true).base());
        assertEquals(URI.create("http://127.0.0.1/v2/"), Registry.of("127.0.0.1", true).base());
        assertEquals(URI.create("http://[::1]:5000/v2/"), Registry.of("[::1]:5000", true).base());
        Registry verified = Registry.of("10.0.0.1:5000", true);
        assertEquals(URI.create("https://10.0.0.1:5000/v2/"), verified.base());
        assertTrue(verified.verifyCertificate());
        assertFalse(verified.mayFallBackToPlainHttp());
        assertTrue(Registry.isLoopback("[::1]:5000"));
        assertTrue(Registry.isLoopback("[0:0:0:0:0:0:0:1]"));
        assertFalse(Registry.isLoopback("[::2]:5000"));
        assertFalse(Registry.isLoopback("[fe80::1]:5000"));
        assertFalse(Registry.isLoopback("[localhost]:5000"), "only an address in brackets, never a name looked up");
        assertFalse(Registry.isLoopback("localhost.example.com"));
        assertFalse(Registry.isLoopback("127.0.0.1.example.com"));
        assertFalse(Registry.isLoopback("128.0.0.1:5000"));
    }

    @Test
    void tlsVerifyFalseIsHttpsWithoutCheckingTheCertificateThenPlainHttp() {
        for (String domain : List.of("10.0.0.1:5000", "127.0.0.1:5000", "[::1]:5000")) {
            Registry unverified = Registry.of(domain, false);
            assertEquals(URI.create("https://" + domain + "/v2/"), unverified.base());
            assertFalse(unverified.verifyCertificate());
            assertTrue(unverified.mayFallBackToPlainHttp());
            Registry plain = unverified.overPlainHttp();
            assertEquals(new Registry(domain, URI.create("http://" + domain + "/v2/"), false), plain);
            assertFalse(plain.mayFallBackToPlainHttp());
        }
    }

    @Test
    void every127AddressWithAnyPortIsLoopbackAndNoOther() {
        qt().forAll(integers().between(0, 255), integers().between(0, 255), integers().between(0, 255),
                integers().between(1, 65535)).checkAssert((b, c, d, port) -> {
                    String host = b + "." + c + "." + d;
                    assertTrue(Registry.isLoopback("127." + host + ":" + port), host);
                    assertEquals(b == 127, Registry.isLoopback(host + ".1:" + port), "first octet " + b);
                    String domain = ImageReference.parse("127." + host + ":" + port + "/app").domain();
                    assertEquals("http", Registry.of(domain, true).base().getScheme());
                });
    }
}
