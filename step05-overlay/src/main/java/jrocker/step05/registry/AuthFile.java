package jrocker.step05.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.Json;

/**
 * Registry credentials in the files other tools use, so that a {@code podman login} or {@code docker login}
 * works for jrocker too, and {@code jrocker login} for them:
 * <pre>
 *   {"auths": {"localhost:5000": {"auth": "base64(user:password)"}}}
 * </pre>
 * jrocker writes podman's and skopeo's {@code auth.json}: {@code $REGISTRY_AUTH_FILE}, else
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, else {@code ~/.config/containers/auth.json}; it reads
 * that, then docker's {@code ~/.docker/config.json} ({@code $DOCKER_CONFIG/config.json}). Docker Hub is
 * {@code docker.io} in the first and {@code https://index.docker.io/v1/} in the second. The password is only
 * encoded, not encrypted, as in those tools: the file is made readable by its owner alone.
 */
public final class AuthFile implements CredentialStore {
    private static final Set<String> DOCKER_HUB_KEYS = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "https://index.docker.io/v1/");

    private final Path authFile;
    private final List<Path> readAlso;

    AuthFile(Path authFile, List<Path> readAlso) {
        this.authFile = authFile;
        this.readAlso = List.copyOf(readAlso);
    }

    /** The files of this user, from the environment as podman and docker find them. */
    public static AuthFile ofUser(Map<String, String> environment) {
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        Path auth;
        if (environment.get("REGISTRY_AUTH_FILE") != null) {
            auth = Path.of(environment.get("REGISTRY_AUTH_FILE"));
        } else if (environment.get("XDG_RUNTIME_DIR") != null) {
            auth = Path.of(environment.get("XDG_RUNTIME_DIR"), "containers", "auth.json");
        } else {
            auth = home.resolve(".config/containers/auth.json");
        }
        Path docker = environment.get("DOCKER_CONFIG") != null ? Path.of(environment.get("DOCKER_CONFIG"), "config.json")
                : home.resolve(".docker/config.json");
        return new AuthFile(auth, List.of(docker));
    }

    /** Where {@code login} writes. */
    public Path path() {
        return authFile;
    }

    @Override
    public Credentials find(String domain) throws IOException {
        for (Path file : files()) {
            for (var entry : auths(read(file), file).entrySet()) {
                if (sameRegistry(entry.getKey(), domain) && entry.getValue() instanceof Map<?, ?> registry
                        && registry.get("auth") != null) {
                    if (!(registry.get("auth") instanceof String auth)) {
                        throw new RegistryException(file + " has credentials for " + entry.getKey()
                                + " that are not a string");
                    }
                    return decode(auth, file);
                }
            }
        }
        return null;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(authFile);
        files.addAll(readAlso);
        return files;
    }

    /** A key names the registry with or without a scheme and path: {@code https://quay.io/v2/} is quay.io. */
    static boolean sameRegistry(String key, String domain) {
        if (domain.equals(Registry.DOCKER_HUB)) {
            return DOCKER_HUB_KEYS.contains(key);
        }
        String host = key.replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        return (slash < 0 ? host : host.substring(0, slash)).equals(domain);
    }

    private static Credentials decode(String auth, Path file) throws RegistryException {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(file + " has credentials that are not base64: " + e.getMessage());
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new RegistryException(file + " has credentials without a ':' between user name and password");
        }
        return new Credentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Store {@code credentials} for {@code domain} in auth.json, keeping what else it holds. */
    public void store(String domain, Credentials credentials) throws IOException {
        Map<String, Object> document = read(authFile);
        Map<String, Object> auths = auths(document, authFile);
        Map<String, Object> entry = auths.get(domain) instanceof Map<?, ?> old ? copyOf(old) : new LinkedHashMap<>();
        entry.put("auth", Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        auths.put(domain, entry);
        document.put("auths", auths);
        write(document);
    }

    /** Remove the credentials for {@code domain} from auth.json; false if there were none. */
    public boolean remove(String domain) throws IOException {
        Map<String, Object> document = read(authFile);
        Map<String, Object> auths = auths(document, authFile);
        if (!auths.containsKey(domain)) {
            return false;
        }
        auths.remove(domain);
        document.put("auths", auths);
        write(document);
        return true;
    }

    /** The whole file, every field kept in its order (other tools keep more in it than "auths"); {} if none. */
    private static Map<String, Object> read(Path file) throws IOException {
        try {
            return Json.readObject(Files.readAllBytes(file), "the credentials file");
        } catch (NoSuchFileException none) {
            return new LinkedHashMap<>();
        } catch (ImageFormatException e) {
            throw new RegistryException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    /** Its {@code "auths"} object, registry by registry; an empty one if it has none. */
    private static Map<String, Object> auths(Map<String, Object> document, Path file) throws RegistryException {
        Object auths = document.get("auths");
        if (auths == null) {
            return new LinkedHashMap<>();
        }
        if (!(auths instanceof Map<?, ?> registries)) {
            throw new RegistryException(file + " is not valid JSON: \"auths\" must be an object");
        }
        return copyOf(registries);
    }

    private static Map<String, Object> copyOf(Map<?, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((key, value) -> copy.put((String) key, value)); // JSON objects have only string keys
        return copy;
    }

    /** Written whole to a temporary file readable only by its owner, then renamed over the old one. */
    private void write(Map<String, Object> document) throws IOException {
        Path directory = authFile.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path partial = Files.createTempFile(directory, ".auth-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, Json.writeIndented(document) + "\n");
            Files.move(partial, authFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
