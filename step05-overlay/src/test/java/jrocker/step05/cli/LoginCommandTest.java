package jrocker.step05.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which registry login and logout mean: the domain image names use, as docker and podman accept it. */
class LoginCommandTest {

    @Test
    void registriesAsUsersTypeThem() {
        assertEquals("docker.io", LoginCommand.domain("docker.io"));
        assertEquals("docker.io", LoginCommand.domain("https://index.docker.io/v1/"));
        assertEquals("docker.io", LoginCommand.domain("registry-1.docker.io"));
        assertEquals("quay.io", LoginCommand.domain("https://quay.io"));
        assertEquals("localhost:5000", LoginCommand.domain("localhost:5000"));
        assertEquals("localhost", LoginCommand.domain("localhost"));
    }

    @Test
    void aNameThatIsNotARegistryIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LoginCommand.domain("busybox"));
        assertEquals("\"busybox\" is not a registry: name one like docker.io, quay.io or localhost:5000", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoginCommand.domain("Quay.IO:x"));
    }

    @Test
    void thePasswordComesFromExactlyOnePlace() {
        CommandRun both = CommandRun.run(new LoginCommand(), "-u", "alice", "-p", "x", "--password-stdin", "localhost:1");
        assertEquals(1, both.exitCode());
        assertEquals("jrocker login: give the password with exactly one of --password-stdin and -p\n", both.err());
    }
}
