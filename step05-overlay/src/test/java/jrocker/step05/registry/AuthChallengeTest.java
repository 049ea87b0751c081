package jrocker.step05.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("auth-challenge") // the exercise these tests check (see docs/src/course)
class AuthChallengeTest {

    @Test
    void dockerHubsBearerChallenge() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertEquals("bearer", challenge.scheme());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull"), challenge.parameters());
    }

    @Test
    void aBasicChallengeAndASchemeAlone() {
        assertEquals(new AuthChallenge("basic", Map.of("realm", "Registry Realm")),
                AuthChallenge.parse("Basic realm=\"Registry Realm\""));
        assertEquals(new AuthChallenge("bearer", Map.of()), AuthChallenge.parse("Bearer"));
    }

    @Test
    void commasInsideQuotesBelongToTheValueAndEscapesAreUndone() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://t/token\", scope=\"repository:a/b:pull,push\","
                + " error=\"say \\\"hi\\\"\"");
        assertEquals("repository:a/b:pull,push", challenge.parameter("scope"));
        assertEquals("say \"hi\"", challenge.parameter("error"));
    }

    @Test
    void namesAreCaseInsensitiveAndBareValuesEndAtACommaOrTheEnd() {
        AuthChallenge challenge = AuthChallenge.parse("BEARER Realm=https://t/token,Service=reg");
        assertEquals("bearer", challenge.scheme());
        assertEquals("https://t/token", challenge.parameter("REALM"));
        assertEquals("reg", challenge.parameter("service"));
    }

    @Test
    void brokenChallengesAreRefused() {
        IllegalArgumentException unterminated = assertThrows(IllegalArgumentException.class,
                () -> AuthChallenge.parse("Bearer realm=\"https://t/token"));
        assertEquals("an unterminated quoted value for realm in the challenge: Bearer realm=\"https://t/token",
                unterminated.getMessage());
        IllegalArgumentException noEquals = assertThrows(IllegalArgumentException.class,
                () -> AuthChallenge.parse("Bearer realm"));
        assertEquals("no '=' after \"realm\" in the challenge: Bearer realm", noEquals.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthChallenge.parse("  "));
    }

    @Test
    void anyQuotedValuesComeBackAsTheyWere() {
        // values with quotes, backslashes, commas and spaces, quoted and escaped as a server would write them
        qt().forAll(strings().ascii().ofLengthBetween(0, 20), strings().ascii().ofLengthBetween(0, 20))
                .checkAssert((realm, scope) -> {
                    Map<String, String> expected = new LinkedHashMap<>();
                    expected.put("realm", realm.strip());
                    expected.put("scope", scope.strip());
                    String header = "Bearer realm=" + quoted(realm) + ",scope=" + quoted(scope);
                    assertEquals(new AuthChallenge("bearer", expected), AuthChallenge.parse(header), header);
                });
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
