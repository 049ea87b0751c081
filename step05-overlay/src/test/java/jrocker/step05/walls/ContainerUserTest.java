package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerUserTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
            + "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
            + "app:x:1000:1000::/home/app:/bin/sh\n";
    private static final String GROUP = "root:x:0:\nwheel:x:10:root,app\naudio:x:29:app\napp:x:1000:\nstaff:x:50:\n";

    @Test
    void namesAndNumbersResolveInTheContainersOwnFiles() {
        assertEquals(new ContainerUser(0, 0, List.of(10)), ContainerUser.resolve("", PASSWD, GROUP), "root by default");
        assertEquals(new ContainerUser(1000, 1000, List.of(10, 29)), ContainerUser.resolve("app", PASSWD, GROUP));
        assertEquals(new ContainerUser(1000, 1000, List.of(10, 29)), ContainerUser.resolve("1000", PASSWD, GROUP),
                "a UID in passwd gets that user's groups");
        assertEquals(new ContainerUser(1000, 50, List.of()), ContainerUser.resolve("app:staff", PASSWD, GROUP),
                "an explicit group replaces the user's groups");
        assertEquals(new ContainerUser(4242, 0, List.of()), ContainerUser.resolve("4242", PASSWD, GROUP),
                "a UID that passwd lacks is fine, with group 0");
        assertEquals(new ContainerUser(4242, 4343, List.of()), ContainerUser.resolve("4242:4343", "", ""));
    }

    @Test
    void anUnknownNameOrAMalformedSpecIsAnError() {
        assertEquals("unable to find user nobody: no matching entries in the container's /etc/passwd",
                assertThrows(IllegalArgumentException.class, () -> ContainerUser.resolve("nobody", PASSWD, GROUP)).getMessage());
        assertEquals("unable to find group nogroup: no matching entries in the container's /etc/group",
                assertThrows(IllegalArgumentException.class, () -> ContainerUser.resolve("app:nogroup", PASSWD, GROUP)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContainerUser.resolve("app:", PASSWD, GROUP));
        assertThrows(IllegalArgumentException.class, () -> ContainerUser.resolve("99999999999", PASSWD, GROUP));
    }
}
