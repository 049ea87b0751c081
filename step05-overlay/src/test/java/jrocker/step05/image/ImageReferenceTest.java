package jrocker.step05.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@Tag("image-reference") // the exercise these tests check (see docs/src/course)
class ImageReferenceTest {
    static final String HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    // ---- generators -------------------------------------------------------------------------------

    private static Gen<String> alphanumerics(int max) {
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, max)
                .mix(strings().betweenCodePoints('0', '9').ofLengthBetween(1, 3), 20);
    }

    /** A path component: alphanumerics joined by '.', '_', '__' or dashes. */
    private static Gen<String> components() {
        Gen<String> separator = arbitrary().pick(".", "_", "__", "-", "--", "---");
        return lists().of(alphanumerics(6)).ofSizeBetween(1, 3).zip(separator, (parts, sep) -> String.join(sep, parts));
    }

    private static Gen<String> paths() {
        return lists().of(components()).ofSizeBetween(1, 4).map(parts -> String.join("/", parts));
    }

    private static Gen<Optional<String>> domains() {
        return arbitrary().pick(List.of("localhost", "localhost:5000", "quay.io", "registry.example.com:443", "docker.io",
                "index.docker.io", "10.0.0.1:5000", "My-Registry.local", "[::1]:5000", "[fe80::1]", "[2001:DB8::1]:443"))
                .toOptionals(60);
    }

    private static Gen<Optional<String>> tags() {
        Gen<String> first = strings().betweenCodePoints('A', 'z').ofLength(1).assuming(s -> Character.isLetter(s.charAt(0)))
                .mix(arbitrary().pick("_", "0", "9"), 20);
        Gen<String> rest = lists().of(arbitrary().pick("a", "Z", "0", ".", "-", "_")).ofSizeBetween(0, 127)
                .map(parts -> String.join("", parts));
        return first.zip(rest, (a, b) -> a + b).toOptionals(75);
    }

    private static Gen<Optional<String>> digests() {
        return arbitrary().pick("sha256:" + HEX, "sha256:" + "0".repeat(64)).toOptionals(25);
    }

    /** References as users type them: every combination of domain, path, tag and digest. */
    private static Gen<String> typedReferences() {
        return domains().zip(paths(), tags(), digests(), (domain, path, tag, digest) ->
                domain.map(d -> d + "/").orElse("") + path + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse(""))
                .assuming(reference -> reference.substring(0, reference.contains(":") ? reference.lastIndexOf(':') : reference.length()).length() <= 255);
    }

    // ---- properties ---------------------------------------------------------------------------------

    @Test
    void bothPrintedFormsParseBackToTheSameReference() {
        qt().withExamples(1000).forAll(typedReferences()).checkAssert(text -> {
            ImageReference reference = ImageReference.parse(text);
            assertEquals(reference, ImageReference.parse(reference.toString()), text);
            assertEquals(reference, ImageReference.parse(reference.familiar()), text);
            assertEquals(reference.toString(), ImageReference.parse(reference.familiar()).toString());
        });
    }

    @Test
    void aReferenceTypedInItsFamiliarFormPrintsExactlyAsTyped() {
        // the familiar form: no docker.io/, no library/ for one-component names, a tag or a digest given
        Gen<String> familiar = typedReferences().assuming(text -> {
            ImageReference reference = ImageReference.parse(text);
            return !text.startsWith("docker.io/") && !text.startsWith("index.docker.io/") && !text.startsWith("library/")
                    && (text.contains(":" + reference.tag()) || reference.tag() == null);
        });
        qt().withExamples(300).forAll(familiar).checkAssert(text -> assertEquals(text, ImageReference.parse(text).familiar()));
    }

    @Test
    void normalizationDoesNotDependOnHowTheNameWasSpelled() {
        qt().forAll(components(), tags()).checkAssert((name, tag) -> {
            String suffix = tag.map(t -> ":" + t).orElse("");
            ImageReference shortest = ImageReference.parse(name + suffix);
            assertEquals(shortest, ImageReference.parse("library/" + name + suffix));
            assertEquals(shortest, ImageReference.parse("docker.io/library/" + name + suffix));
            assertEquals(shortest, ImageReference.parse("docker.io/" + name + suffix));
            assertEquals(shortest, ImageReference.parse("index.docker.io/library/" + name + suffix));
            assertEquals(tag.orElse("latest"), shortest.tag());
        });
    }

    @Test
    void invalidReferencesAreRejected() {
        Gen<String> invalid = typedReferences().zip(arbitrary().pick(
                        "uppercase path", "bad tag char", "long tag", "empty component", "leading separator",
                        "trailing separator", "empty tag", "bad digest", "space"), integers().between(0, 1000),
                ImageReferenceTest::breakReference);
        qt().withExamples(1000).forAll(invalid).checkAssert(text ->
                assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(text), text));
    }

    /** Make a valid reference invalid in one specific way. */
    private static String breakReference(String valid, String how, int seed) {
        ImageReference reference = ImageReference.parse(valid);
        String path = reference.path();
        String tag = reference.tag() == null ? "v1" : reference.tag();
        String name = reference.domain().equals("docker.io") ? path : reference.domain() + "/" + path;
        return switch (how) {
            case "uppercase path" -> {
                int at = path.lastIndexOf('/') + 1 + seed % (path.length() - path.lastIndexOf('/') - 1);
                String broken = path.substring(0, at) + "X" + path.substring(at);
                yield (reference.domain().equals("docker.io") ? "docker.io/" : reference.domain() + "/") + broken + ":" + tag;
            }
            case "bad tag char" -> name + ":" + tag.substring(0, seed % tag.length()) + "!?*+ é/".charAt(seed % 7) + tag.substring(seed % tag.length());
            case "long tag" -> name + ":" + "a".repeat(129 + seed % 50);
            case "empty component" -> name + "//x:" + tag;
            case "leading separator" -> name + "/" + "._-".charAt(seed % 3) + "x:" + tag;
            case "trailing separator" -> name + "x" + ".-_".charAt(seed % 3) + ":" + tag;
            case "empty tag" -> name + ":";
            case "bad digest" -> name + "@sha256:" + HEX.substring(0, seed % 64);
            default -> name.substring(0, seed % name.length()) + " " + name.substring(seed % name.length());
        };
    }

    // ---- examples ----------------------------------------------------------------------------------

    @Test
    void dockerStyleExamples() {
        ImageReference busybox = ImageReference.parse("busybox");
        assertEquals(new ImageReference("docker.io", "library/busybox", "latest", null), busybox);
        assertEquals("docker.io/library/busybox:latest", busybox.toString());
        assertEquals("busybox:latest", busybox.familiar());
        assertEquals("busybox", busybox.familiarName());

        assertEquals("busybox:1.36", ImageReference.parse("library/busybox:1.36").familiar());

        ImageReference local = ImageReference.parse("localhost:5000/team/app:v1");
        assertEquals("localhost:5000", local.domain());
        assertEquals("team/app", local.path());
        assertEquals("v1", local.tag());
        assertEquals("localhost:5000/team/app:v1", local.familiar());

        ImageReference pinned = ImageReference.parse("app@sha256:" + HEX);
        assertNull(pinned.tag());
        assertEquals(Digest.parse("sha256:" + HEX), pinned.digest());
        assertEquals("docker.io/library/app@sha256:" + HEX, pinned.toString());

        ImageReference both = ImageReference.parse("quay.io/a/b:v2@sha256:" + HEX);
        assertEquals("v2", both.tag());
        assertEquals("quay.io/a/b:v2@sha256:" + HEX, both.familiar());

        assertEquals("team/app:latest", ImageReference.parse("docker.io/team/app").familiar());
        assertEquals("docker.io/library/busybox:musl", busybox.withTag("musl").toString());
        assertTrue(ImageReference.isValid("a"));
        assertFalse(ImageReference.isValid("A"));
    }

    @Test
    void errorMessagesSayWhatIsWrong() {
        assertEquals("invalid image reference \"\": it is empty; name an image like busybox or busybox:1.36",
                message(""));
        assertEquals("invalid image reference \"Busybox\": repository names must be lowercase (\"busybox\")",
                message("Busybox"));
        assertEquals("invalid image reference \"busybox:1.36!\": the tag \"1.36!\" may only contain letters, digits,"
                + " '_', '.' and '-', and must not start with '.' or '-'", message("busybox:1.36!"));
        assertEquals("invalid image reference \"busybox:" + "a".repeat(129) + "\": the tag is 129 characters long,"
                + " at most 128 are allowed", message("busybox:" + "a".repeat(129)));
        assertEquals("invalid image reference \"a//b\": the repository path \"a//b\" has an empty component",
                message("a//b"));
        assertEquals("invalid image reference \"my_-app\": \"my_-app\" is not a valid repository path component"
                + " (lowercase letters and digits, separated by '.', '_', '__' or dashes)", message("my_-app"));
        assertEquals("invalid image reference \"app@sha256:12\": invalid digest \"sha256:12\": expected"
                + " sha256:<64 lowercase hex digits>", message("app@sha256:12"));
        assertEquals("invalid image reference \"busybox:\": the tag after ':' is empty", message("busybox:"));
        assertEquals("invalid image reference \":v1\": the repository name is empty", message(":v1"));
        assertEquals("invalid image reference \"bad_host.com/app\": \"bad_host.com\" is not a valid registry domain"
                + " (host name or address, optionally :port)", message("bad_host.com/app"));
        assertTrue(message("a".repeat(256)).endsWith("the repository name is 256 characters long, at most 255 are allowed"));
    }

    @Test
    void anIpv6RegistryIsWrittenInBracketsAsInAUrl() {
        ImageReference loopback = ImageReference.parse("[::1]:5000/team/app:v1");
        assertEquals(new ImageReference("[::1]:5000", "team/app", "v1", null), loopback);
        assertEquals("[::1]:5000/team/app:v1", loopback.familiar());
        assertEquals("[::1]", ImageReference.parse("[::1]/app@sha256:" + HEX).domain());
        assertEquals("[2001:db8::1]:443", ImageReference.parse("[2001:db8::1]:443/app").domain());
        assertEquals("invalid image reference \"[::1/app\": \"[::1\" is not a valid registry domain"
                + " (host name or address, optionally :port)", message("[::1/app"));
        assertFalse(ImageReference.isValid("[fe80::1%eth0]:5000/app"), "a zone is not part of docker's grammar");
        assertFalse(ImageReference.isValid("[::g]/app"));
        assertFalse(ImageReference.isValid("::1/app"), "an IPv6 address needs its brackets");
    }

    @Test
    void aPathThatLooksLikeADomainKeepsDockerIoInItsFamiliarForm() {
        ImageReference reference = ImageReference.parse("docker.io/0.0/app");
        assertEquals("docker.io/0.0/app:latest", reference.familiar());
        assertEquals(reference, ImageReference.parse(reference.familiar()));
    }

    @Test
    void theTagLimitIs128Characters() {
        assertEquals(128, ImageReference.parse("app:" + "t".repeat(128)).tag().length());
        assertEquals(List.of(true, false), List.of(ImageReference.isValid("app:_x"), ImageReference.isValid("app:.x")));
    }

    private static String message(String text) {
        return assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(text)).getMessage();
    }
}
