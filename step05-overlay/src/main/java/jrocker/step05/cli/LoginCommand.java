package jrocker.step05.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import jrocker.step05.image.ImageReference;
import jrocker.step05.registry.AuthFile;
import jrocker.step05.registry.Credentials;
import jrocker.step05.registry.Registry;
import jrocker.step05.registry.RegistryClient;
import jrocker.step05.store.StoreErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker login REGISTRY}: check a user name and password with the registry, then keep them for pulls. */
@Command(name = "login",
        description = {"Log in to a registry: the credentials are checked with it, then stored in podman's and skopeo's"
                + " auth.json ($REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json or"
                + " ~/.config/containers/auth.json), where pull finds them; pull also reads docker's ~/.docker/config.json.",
            "The password is only base64-encoded in that file, as those tools do: the file is readable by its owner alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:logged in", "1:the registry refused the credentials, could not be reached, or the file could"
                + " not be written"})
public class LoginCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "REGISTRY", defaultValue = "docker.io",
            description = "The registry, as in image names: docker.io (the default), quay.io, localhost:5000.")
    String registry;

    @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER", description = "The user name.")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The password (visible in the process list: prefer --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Require HTTPS with a verified certificate (default; a loopback registry is plain HTTP)."
                    + " false: HTTPS without checking the certificate, or plain HTTP if the registry does not speak TLS.")
    boolean tlsVerify = true;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            String domain = domain(registry);
            Credentials credentials = new Credentials(username, password());
            new RegistryClient(Registry.of(domain, tlsVerify), null, credentials).checkCredentials();
            AuthFile.ofUser(System.getenv()).store(domain, credentials);
            spec.commandLine().getOut().println("Login Succeeded!");
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jrocker login: " + e.getMessage());
        } catch (IOException e) {
            err.println("jrocker login: " + StoreErrors.describe(e));
        }
        err.flush();
        return 1;
    }

    private String password() throws IOException {
        if (passwordStdin == (password != null)) {
            throw new IllegalArgumentException("give the password with exactly one of --password-stdin and -p");
        }
        if (password != null) {
            return password;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: standard input has no password");
        }
        return line;
    }

    /** A registry as users type it (docker.io, localhost:5000, maybe with https://): its domain in image names. */
    static String domain(String registry) {
        String host = registry.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            return "docker.io";
        }
        String domain = ImageReference.parse(host + "/x").domain(); // docker's rules: is it a registry's name?
        if (!domain.equals(host)) {
            throw new IllegalArgumentException("\"" + registry + "\" is not a registry: name one like docker.io,"
                    + " quay.io or localhost:5000");
        }
        return domain;
    }

    /** {@code jrocker logout REGISTRY}: forget the credentials login stored. */
    @Command(name = "logout", description = "Remove the credentials for a registry from auth.json.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:removed, or there were none", "1:the file could not be read or written"})
    public static class Logout implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "REGISTRY", defaultValue = "docker.io",
                description = "The registry, as in image names (default: docker.io).")
        String registry;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                String domain = domain(registry);
                boolean removed = AuthFile.ofUser(System.getenv()).remove(domain);
                spec.commandLine().getOut().println(removed ? "Removed login credentials for " + domain
                        : "Not logged in to " + domain);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("jrocker logout: " + e.getMessage());
            } catch (IOException e) {
                spec.commandLine().getErr().println("jrocker logout: " + StoreErrors.describe(e));
            }
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
