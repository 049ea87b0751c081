package jrocker.step05.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * What stands between jrocker and a registry on the internet, played on 127.0.0.1 with the JDK's HTTP
 * server in front of a {@link TestRegistry}: a token server (Docker Hub's bearer flow), a blob store that
 * the registry redirects to, and the faults of a bad network or a bad proxy: a connection dropped in the
 * middle of a blob, a byte changed. It records every request, so tests can say what was (not) downloaded.
 * It can listen on another loopback address ({@code ::1}) and speak HTTPS with a certificate nobody signed.
 */
public final class RegistryProxy implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern REPOSITORY = Pattern.compile("/v2/(.+)/(manifests|blobs)/.*");

    private final HttpServer server;
    /** Another origin (port), as a blob store is: the registry's Authorization must not be sent there. */
    private final HttpServer blobStore;
    private final String upstream;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    /** Every request, "GET /v2/...", in order; the token server's as "TOKEN scope". */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Requests that reached the blob store with the registry's Authorization header (must stay empty). */
    final List<String> leakedAuthorization = new CopyOnWriteArrayList<>();
    volatile boolean requireToken;
    /** The registry wants these credentials, by basic authentication (null: none). */
    volatile Credentials requireBasic;
    /** The token server gives tokens only for these credentials (null: to anyone, anonymously). */
    volatile Credentials tokenCredentials;
    volatile boolean redirectBlobs;
    /** Blob downloads to cut off after half their bytes, counting down. */
    final AtomicInteger dropBlobs = new AtomicInteger();
    /** Change one byte in the middle of every blob download. */
    volatile boolean corruptBlobs;
    /**
     * Hold the answer for each of these blobs (digests) until all of them are being downloaded (or 5 s have
     * passed): downloads that run one after the other then never overlap, parallel ones all do.
     */
    volatile Set<String> gatherBlobs = Set.of();
    private final AtomicInteger blobsInFlight = new AtomicInteger();
    /** The most blob downloads that were under way at once. */
    final AtomicInteger mostBlobsAtOnce = new AtomicInteger();

    RegistryProxy(TestRegistry registry) throws IOException {
        this(registry, InetAddress.getLoopbackAddress(), null);
    }

    /** A proxy on {@code address}, over HTTPS when {@code tls} is given (its blob store stays plain HTTP). */
    public RegistryProxy(TestRegistry registry, InetAddress address, SSLContext tls) throws IOException {
        this.upstream = "http://" + registry.host();
        server = start(address, tls);
        blobStore = start(InetAddress.getLoopbackAddress(), null);
    }

    private HttpServer start(InetAddress address, SSLContext tls) throws IOException {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        HttpServer http;
        if (tls == null) {
            http = HttpServer.create(socket, 0);
        } else {
            HttpsServer https = HttpsServer.create(socket, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            http = https;
        }
        http.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "registry-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/", this::handle);
        http.start();
        return http;
    }

    /** {@code 127.0.0.1:PORT} or {@code [::1]:PORT}: the registry domain to pull from. */
    public String host() {
        InetAddress address = server.getAddress().getAddress();
        String literal = address instanceof Inet6Address ? "[" + (address.isLoopbackAddress() ? "::1"
                : address.getHostAddress()) + "]" : address.getHostAddress();
        return literal + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (path.equals("/token")) {
                String query = exchange.getRequestURI().getQuery();
                requests.add("TOKEN " + query);
                Credentials wanted = tokenCredentials;
                if (wanted != null && !wanted.basicHeader().equals(authorization)) {
                    send(exchange, 401, "{\"details\":\"incorrect username or password\"}");
                    return;
                }
                String token = "token-" + UUID.randomUUID();
                tokens.add(token);
                send(exchange, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
                return;
            }
            if (path.startsWith("/blobstore/")) { // where redirected blobs are fetched
                requests.add(exchange.getRequestMethod() + " " + path);
                if (authorization != null) {
                    leakedAuthorization.add(path + ": " + authorization);
                }
                forward(exchange, "/v2/" + path.substring("/blobstore/".length()), true);
                return;
            }
            requests.add(exchange.getRequestMethod() + " " + path);
            Credentials basic = requireBasic;
            if (basic != null && !basic.basicHeader().equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test-registry\"");
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (requireToken && (authorization == null || !tokens.contains(authorization.replaceFirst("^Bearer ", "")))) {
                Matcher repository = REPOSITORY.matcher(path);
                String scope = repository.matches() ? ",scope=\"repository:" + repository.group(1) + ":pull\"" : "";
                String scheme = server instanceof HttpsServer ? "https" : "http";
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + scheme + "://" + host()
                        + "/token\",service=\"test-registry\"" + scope);
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            Matcher blob = BLOB.matcher(path);
            if (redirectBlobs && blob.matches()) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + blobStore.getAddress().getPort()
                        + "/blobstore/" + blob.group(1) + "/blobs/" + blob.group(2));
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (!blob.matches()) {
                forward(exchange, path, false);
                return;
            }
            mostBlobsAtOnce.accumulateAndGet(blobsInFlight.incrementAndGet(), Math::max);
            try {
                if (gatherBlobs.contains(blob.group(2))) {
                    awaitGatheredBlobs();
                }
                forward(exchange, path, true);
            } finally {
                blobsInFlight.decrementAndGet();
            }
        }
    }

    private void awaitGatheredBlobs() throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (blobsInFlight.get() < gatherBlobs.size() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private void forward(HttpExchange exchange, String path, boolean isBlob) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String header : List.of("Accept", "Range")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Docker-Content-Digest", "Content-Range", "Location")) {
            response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().add(header, value));
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        try (InputStream body = response.body()) {
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), head || length == 0 ? -1 : length);
            if (head || length == 0) {
                return;
            }
            OutputStream out = exchange.getResponseBody();
            byte[] content = body.readAllBytes();
            boolean fault = isBlob && response.statusCode() / 100 == 2 && content.length > 1;
            if (fault && dropBlobs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                out.write(content, 0, content.length / 2);
                out.flush();
                // the rest never comes: end the connection as a reset network would
                throw new IOException("dropped on purpose");
            }
            if (fault && corruptBlobs) {
                content[content.length / 2] ^= 0x01;
            }
            out.write(content);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        blobStore.stop(0);
    }
}
