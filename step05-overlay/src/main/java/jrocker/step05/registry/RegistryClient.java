package jrocker.step05.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import jrocker.step05.blob.VerifyingInputStream;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.MediaTypes;

// tag::distribution-api[]
/**
 * A client of the OCI distribution API (Docker's "registry v2") for one repository, on the JDK's
 * {@link HttpClient}. Pulling an image takes these requests:
 * <pre>
 *   GET /v2/                               is it a registry, and does it want a token?  200, or 401 + challenge
 *   GET REALM?service=..&amp;scope=repository:PATH:pull    the token server: an anonymous (or basic-auth) token
 *   GET /v2/PATH/manifests/TAG             Accept: the manifest types jrocker reads; an index or a manifest
 *   GET /v2/PATH/manifests/DIGEST          (an index:) the manifest for this machine's platform
 *   GET /v2/PATH/blobs/DIGEST              the config, then each layer; often 307 to a blob store
 * </pre>
 * Every answer is checked against a digest: a manifest asked for by digest, every blob as it streams.
 */
public final class RegistryClient {
// end::distribution-api[]
    /** Manifests and indexes are small JSON documents; a bigger answer is not one. */
    static final int MAX_MANIFEST_SIZE = 4 << 20;
    /** Blob stores answer with redirects; a chain longer than this is a loop. */
    static final int MAX_REDIRECTS = 5;
    /** A dropped download is resumed this many times, after 0.5, 1, 2 s. */
    static final int MAX_RETRIES = 3;
    static final long FIRST_RETRY_PAUSE_MILLIS = 500;

    /** What jrocker reads, best first: a registry answers with one of them (or 404 if it has none). */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    /** A manifest or index as the registry sent it: its bytes are what its digest names. */
    public record Fetched(String mediaType, Digest digest, byte[] content) {
    }

    private volatile Registry registry; // over plain HTTP after a first contact that found no TLS (--tls-verify=false)
    private final String repository;
    private final HttpClient http;
    private final Credentials credentials;
    private final long retryPauseMillis;
    private volatile String authorization; // "Bearer TOKEN" or "Basic ...", once the registry asked for it

    /**
     * @param repository  the path of the repository, e.g. {@code library/busybox}; null to check credentials
     * @param credentials for {@code Basic} challenges and token servers, or null for anonymous pulls
     */
    public RegistryClient(Registry registry, String repository, Credentials credentials) {
        this(registry, repository, credentials, FIRST_RETRY_PAUSE_MILLIS);
    }

    RegistryClient(Registry registry, String repository, Credentials credentials, long retryPauseMillis) {
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.retryPauseMillis = retryPauseMillis;
        // Redirects are followed by hand: the registry's Authorization header must not go to a blob store.
        // HTTP/1.1: one connection per parallel download, as docker does.
        HttpClient.Builder http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15));
        if (!registry.verifyCertificate()) {
            http.sslContext(UnverifiedTls.context());
        }
        this.http = http.build();
    }

    public Registry registry() {
        return registry;
    }

    // tag::ping[]
    /**
     * {@code GET /v2/}: 200 means a registry that needs nothing more; 401 comes with a challenge that says
     * how to authenticate, which is answered here once for the whole pull.
     */
    public void ping() throws IOException {
        HttpResponse<InputStream> response = firstContact();
        try (InputStream body = response.body()) {
            if (response.statusCode() == 401) {
                authenticate(challenge(response));
            } else if (response.statusCode() != 200) {
                throw new RegistryException(registry + " is not a registry (or not one jrocker can use): GET /v2/"
                        + " answered " + response.statusCode());
            }
        }
    }

    private void authenticate(AuthChallenge challenge) throws IOException {
        switch (challenge.scheme()) {
            case "bearer" -> authorization = "Bearer " + token(challenge);
            case "basic" -> {
                if (credentials == null) {
                    throw new RegistryException("unauthorized: " + registry + " wants a user name and password:"
                            + " log in first (jrocker login " + registry + ")");
                }
                authorization = credentials.basicHeader();
            }
            default -> throw new RegistryException("unauthorized: " + registry + " asks for authentication by "
                    + challenge.scheme() + ", which jrocker does not speak (it speaks bearer and basic)");
        }
    }

    /** Ask the token server named in a bearer challenge for a token to pull this repository. */
    private String token(AuthChallenge challenge) throws IOException {
        String realm = challenge.parameter("realm");
        if (realm == null) {
            throw new RegistryException(registry + " sent a bearer challenge without a realm (token server)");
        }
        StringBuilder query = new StringBuilder();
        if (challenge.parameter("service") != null) {
            query.append("service=").append(URLEncoder.encode(challenge.parameter("service"), StandardCharsets.UTF_8));
        }
        if (repository != null) { // login asks for a token for no repository: only whether the credentials work
            query.append(query.length() == 0 ? "" : "&").append("scope=")
                    .append(URLEncoder.encode("repository:" + repository + ":pull", StandardCharsets.UTF_8));
        }
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (credentials != null) {
            request.header("Authorization", credentials.basicHeader());
        }
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray(), uri);
        if (response.statusCode() != 200) {
            throw new RegistryException("unauthorized: the token server " + realm + " refused a token for "
                    + repository + " (" + response.statusCode() + ")");
        }
        String token;
        try {
            token = RegistryJson.token(response.body(), "the token server's answer");
        } catch (ImageFormatException notJson) {
            throw new RegistryException("the token server " + realm + " answered something that is not a token");
        }
        if (token == null || token.isEmpty()) {
            throw new RegistryException("the token server " + realm + " answered without a token");
        }
        return token;
    }
    // end::ping[]

    /**
     * What {@code login} checks: that the registry accepts the credentials. Its challenge is answered with
     * them (a token server must give a token for them; a basic registry must then answer {@code /v2/}).
     */
    public void checkCredentials() throws IOException {
        HttpResponse<InputStream> response = firstContact();
        response.body().close();
        if (response.statusCode() == 200) {
            return; // a registry that wants no credentials at all
        }
        if (response.statusCode() != 401) {
            throw new RegistryException(registry + " is not a registry (or not one jrocker can use): GET /v2/"
                    + " answered " + response.statusCode());
        }
        authenticate(challenge(response));
        HttpResponse<InputStream> again = send(registry.resolve(""), true, Optional.empty());
        again.body().close();
        if (again.statusCode() != 200) {
            throw new RegistryException("unauthorized: " + registry + " refused the user name and password");
        }
    }

    /**
     * The first {@code GET /v2/}. With {@code --tls-verify=false}, a registry that cannot be reached over HTTPS
     * (it speaks plain HTTP, or nothing) is tried over plain HTTP, as podman does; the rest of the pull then
     * stays on what answered.
     */
    private HttpResponse<InputStream> firstContact() throws IOException {
        try {
            return send(registry.resolve(""), false, Optional.empty());
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException overTls) { // refused, a handshake that failed, a reset: whatever a plain server does
            if (!registry.mayFallBackToPlainHttp()) {
                throw overTls;
            }
            Registry plain = registry.overPlainHttp();
            try {
                HttpResponse<InputStream> response = send(plain.resolve(""), false, Optional.empty());
                registry = plain;
                return response;
            } catch (RegistryException overPlainHttp) {
                throw new RegistryException(overTls.getMessage() + "; over plain HTTP: " + overPlainHttp.getMessage(),
                        overPlainHttp);
            }
        }
    }

    /**
     * {@code GET /v2/PATH/manifests/REFERENCE} with an Accept header listing the four types jrocker reads.
     * Its digest is computed from the bytes; asked for by digest, it must be that digest.
     */
    public Fetched manifest(String reference) throws IOException {
        HttpResponse<InputStream> response = authorized(registry.resolve(repository + "/manifests/" + reference),
                Optional.empty(), "manifest", repository + ":" + reference);
        byte[] content;
        try (InputStream body = response.body()) {
            content = body.readNBytes(MAX_MANIFEST_SIZE + 1);
        }
        if (content.length > MAX_MANIFEST_SIZE) {
            throw new RegistryException("the manifest " + reference + " of " + where() + " is larger than "
                    + MAX_MANIFEST_SIZE + " bytes: it is not a manifest");
        }
        Digest digest = Digest.sha256(content);
        if (reference.contains(":") && !digest.toString().equals(reference)) {
            throw new RegistryException("the manifest " + reference + " of " + where() + " arrived with digest "
                    + digest + ": it is corrupt, or the registry is lying");
        }
        String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        return new Fetched(mediaType, digest, content);
    }

    /** A small blob (the config), read whole and verified against its descriptor. */
    public byte[] smallBlob(Descriptor descriptor, String role, ResumingInputStream.RetryListener retries)
            throws IOException {
        if (descriptor.size() > MAX_MANIFEST_SIZE) {
            throw new RegistryException("the " + role + " " + descriptor.digest() + " of " + where() + " is "
                    + descriptor.size() + " bytes: too large for a JSON document");
        }
        try (VerifyingInputStream in = new VerifyingInputStream(blob(descriptor.digest(), descriptor.size(), retries),
                descriptor.digest(), descriptor.size(),
                "the " + role + " " + descriptor.digest() + " of " + where())) {
            byte[] content = in.readAllBytes();
            in.verifyRest();
            return content;
        }
    }

    /**
     * {@code GET /v2/PATH/blobs/DIGEST}, redirects followed, resumed with a {@code Range} request when the
     * connection drops. Not verified: the caller checks the digest as it reads.
     */
    public InputStream blob(Digest digest, long size, ResumingInputStream.RetryListener retries) {
        URI uri = registry.resolve(repository + "/blobs/" + digest);
        return new ResumingInputStream(offset -> openBlob(uri, offset, digest), size, MAX_RETRIES, retryPauseMillis,
                retries, "the blob " + digest + " of " + where());
    }

    private InputStream openBlob(URI uri, long offset, Digest digest) throws IOException {
        Optional<String> range = offset == 0 ? Optional.empty() : Optional.of("bytes=" + offset + "-");
        HttpResponse<InputStream> response = authorized(uri, range, "blob", digest.toString());
        InputStream body = response.body();
        if (offset > 0 && response.statusCode() == 200) { // the server ignored the Range: skip what we have
            body.skipNBytes(offset);
        }
        return body;
    }

    /**
     * A GET on the registry, with its authorization; a 401 (a token that expired, or a registry that wants
     * one only here) is answered once; redirects are followed, without the registry's authorization; any
     * answer but 200 (206 for a range) becomes a {@link RegistryException} from the registry's error body.
     */
    private HttpResponse<InputStream> authorized(URI uri, Optional<String> range, String what, String which)
            throws IOException {
        HttpResponse<InputStream> response = send(uri, true, range);
        if (response.statusCode() == 401) {
            AuthChallenge challenge = challenge(response);
            response.body().close();
            authenticate(challenge);
            response = send(uri, true, range);
        }
        for (int hops = 0; isRedirect(response.statusCode()); hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            response.body().close();
            if (location == null || hops >= MAX_REDIRECTS) {
                throw new RegistryException(registry + " redirected the " + what + " " + which
                        + (location == null ? " nowhere (no Location)" : " more than " + MAX_REDIRECTS + " times"));
            }
            URI next = response.uri().resolve(location);
            response = send(next, sameOrigin(next, registry.base()), range);
        }
        int status = response.statusCode();
        if (status == 200 || status == 206 && range.isPresent()) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(64 << 10);
        }
        throw refusal(status, body, what, which);
    }

    /** One line from a refused request: the registry's error code in words, and what was asked for. */
    private RegistryException refusal(int status, byte[] body, String what, String which) {
        String subject = registry + "/" + which;
        try {
            RegistryJson.ErrorResponse errors = RegistryJson.errors(body, "the registry's error");
            if (errors != null && errors.errors() != null && !errors.errors().isEmpty() && errors.errors().get(0) != null) {
                RegistryJson.ErrorEntry first = errors.errors().get(0);
                String message = first.message() == null || first.message().equalsIgnoreCase(first.words())
                        ? "" : " (" + first.message() + ")";
                return new RegistryException(first.words() + ": " + subject + message);
            }
        } catch (ImageFormatException notJson) {
            // a proxy's HTML page, or nothing: the status says enough
        }
        return new RegistryException(switch (status) {
            case 401 -> "unauthorized: " + subject;
            case 403 -> "denied: " + subject;
            case 404 -> what + " unknown: " + subject;
            default -> "the registry answered " + status + " to the request for the " + what + " " + subject;
        });
    }

    private HttpResponse<InputStream> send(URI uri, boolean withAuthorization, Optional<String> range)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                .header("Accept", ACCEPT);
        range.ifPresent(value -> request.header("Range", value));
        String value = authorization;
        if (withAuthorization && value != null) {
            request.header("Authorization", value);
        }
        return exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream(), uri);
    }

    /** Send, turning the JDK's network exceptions into one line that names the registry. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body, URI uri)
            throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + uri.getAuthority());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RegistryException("cannot connect to " + uri.getScheme() + "://" + uri.getAuthority()
                    + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()), e);
        } catch (SSLException e) {
            throw new RegistryException("TLS with " + uri.getAuthority() + " failed: " + e.getMessage()
                    + (registry.verifyCertificate()
                            ? " (a registry without a valid certificate: --tls-verify=false, if you trust the network)"
                            : ""), e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(uri.getAuthority() + " did not answer within 60 s", e);
        }
    }

    private AuthChallenge challenge(HttpResponse<?> response) throws RegistryException {
        List<String> headers = response.headers().allValues("WWW-Authenticate");
        if (headers.isEmpty()) {
            throw new RegistryException("unauthorized: " + registry + " answered 401 without a WWW-Authenticate challenge");
        }
        try {
            return AuthChallenge.parse(headers.get(0));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(registry + " sent a challenge jrocker cannot read: " + e.getMessage());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getAuthority().equalsIgnoreCase(b.getAuthority());
    }

    private String where() {
        return registry + "/" + repository;
    }
}
