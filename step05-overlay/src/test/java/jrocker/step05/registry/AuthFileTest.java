package jrocker.step05.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.json as podman and skopeo write it, and docker's config.json read as a fallback. */
class AuthFileTest {
    @TempDir
    Path home;

    @Test
    void whereTheFilesAreAsPodmanAndDockerFindThem() {
        assertEquals(home.resolve(".config/containers/auth.json"), AuthFile.ofUser(Map.of("HOME", home.toString())).path());
        assertEquals(Path.of("/run/user/0/containers/auth.json"),
                AuthFile.ofUser(Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", "/run/user/0")).path());
        assertEquals(Path.of("/x/auth.json"), AuthFile.ofUser(Map.of("HOME", home.toString(),
                "XDG_RUNTIME_DIR", "/run/user/0", "REGISTRY_AUTH_FILE", "/x/auth.json")).path());
    }

    @Test
    void storeFindAndRemoveKeepingWhatElseTheFileHolds() throws IOException {
        AuthFile file = new AuthFile(home.resolve("containers/auth.json"), List.of());
        Files.createDirectories(home.resolve("containers"));
        Files.writeString(file.path(), "{\"auths\":{\"quay.io\":{\"auth\":\"Ym9iOnB3\"}},\"credHelpers\":{}}");
        file.store("localhost:5000", new Credentials("alice", "pa:ss"));
        assertEquals(new Credentials("alice", "pa:ss"), file.find("localhost:5000"), "the first ':' separates");
        assertEquals(new Credentials("bob", "pw"), file.find("quay.io"));
        assertTrue(Files.readString(file.path()).contains("credHelpers"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertTrue(file.remove("localhost:5000"));
        assertFalse(file.remove("localhost:5000"));
        assertNull(file.find("localhost:5000"));
        assertEquals(List.of("auth.json"), Files.list(file.path().getParent()).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void dockersConfigIsReadWithItsNamesForDockerHub() throws IOException {
        Path docker = Files.createDirectories(home.resolve(".docker")).resolve("config.json");
        Files.writeString(docker, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"Ym9iOnB3\"},"
                + "\"https://registry.example.com/v2/\":{\"auth\":\"YWxpY2U6eA==\"}}}");
        AuthFile file = AuthFile.ofUser(Map.of("HOME", home.toString()));
        assertEquals(new Credentials("bob", "pw"), file.find("docker.io"));
        assertEquals(new Credentials("alice", "x"), file.find("registry.example.com"));
        assertNull(file.find("example.com"));
    }

    @Test
    void aBrokenFileIsOneLineNamingIt() throws IOException {
        AuthFile file = new AuthFile(Files.writeString(home.resolve("auth.json"), "{not json"), List.of());
        RegistryException broken = assertThrows(RegistryException.class, () -> file.find("quay.io"));
        assertTrue(broken.getMessage().startsWith(home.resolve("auth.json") + " is not valid JSON"), broken.getMessage());
    }
}
