package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** --hostname as docker checks it: RFC 1123 labels, at most 63 characters. */
class HostnameTest {
    /**
     * Docker's own rule, as its daemon writes it (a regular expression and a length), kept here as the oracle:
     * the hand-written check must agree with it on every input.
     */
    private static final Pattern DOCKERS_RULE = Pattern.compile(
            "^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])$");

    private static boolean docker(String name) {
        return name.length() <= 63 && DOCKERS_RULE.matcher(name).matches();
    }

    /** Names made of the characters that matter (letters, digits, '-', '.', and a few that are never allowed). */
    private static Gen<String> names() {
        Gen<String> pieces = lists().of(arbitrary().pick("a", "Z", "7", "-", ".", "box", "web-1", " ", "/", "_", "\u00e9", "x".repeat(30)))
                .ofSizeBetween(0, 8).map(list -> String.join("", list));
        return pieces.mix(strings().ascii().ofLengthBetween(0, 70), 20);
    }

    @Test
    void theCheckAgreesWithDockersRuleOnEveryName() {
        qt().forAll(names()).checkAssert(name -> assertEquals(docker(name), Hostname.isValid(name), "\"" + name + "\""));
    }

    @Test
    void whatDockerAcceptsAndRefuses() {
        for (String good : List.of("box", "Web-01", "a", "db.internal", "a.b.c", "7", "x".repeat(63))) {
            assertTrue(Hostname.isValid(good), good);
        }
        for (String bad : List.of("", "a b/c", "-box", "box-", "a..b", ".a", "a.", "under_score", "caf\u00e9", "x".repeat(64),
                "a.-b")) {
            assertFalse(Hostname.isValid(bad), bad);
        }
    }

    @Test
    void aBadHostnameIsAOneLineErrorWithExit125() {
        ContainerException refused = assertThrows(ContainerException.class, () -> Hostname.check("a b/c"));
        assertEquals(125, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("invalid hostname format: a b/c ("), refused.getMessage());
        assertEquals("box", Hostname.check("box"));
    }
}
