package jrocker.step05.cli;

import jrocker.step05.image.Platform;
import picocli.CommandLine.Option;

/** The options of a pull, shared by {@code pull} and {@code run --pull}. */
public class PullOptions {
    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform to pull from a multi-platform image (default: this machine's, e.g. linux/amd64).")
    String platform;

    @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Require HTTPS with a verified certificate (default; a loopback registry, localhost,"
                    + " 127.0.0.0/8 or [::1], is plain HTTP). false: HTTPS without checking the certificate, or plain"
                    + " HTTP if the registry does not speak TLS.")
    boolean tlsVerify = true;

    /** --platform, else this machine's. */
    Platform platform() {
        return platform == null ? Platform.current() : Platform.parse(platform);
    }
}
