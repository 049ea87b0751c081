package jrocker.step05.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:} followed by 64 lowercase hex digits: the name of a blob in an image.
 * Whoever has the bytes can check that they are the ones named, which is why images are "content
 * addressed": a blob that does not hash to its name is corrupt (or forged), whatever its origin.
 *
 * <p>The OCI specification also registers sha512, but no image tool writes it by default; jrocker accepts
 * only sha256 and says so, rather than half-supporting a second algorithm.
 */
public record Digest(String algorithm, String hex) {
    public static final String SHA256 = "sha256";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!SHA256.equals(algorithm)) {
            throw new IllegalArgumentException("invalid digest algorithm \"" + algorithm
                    + "\": jrocker supports only sha256 digests");
        }
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest \"" + hex
                    + "\": expected 64 lowercase hex digits");
        }
    }

    /** Parse {@code sha256:<64 lowercase hex digits>}. */
    public static Digest parse(String text) {
        // tag::exercise-digest[]
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid digest \"" + text
                    + "\": expected sha256:<64 lowercase hex digits>");
        }
        String algorithm = text.substring(0, colon);
        if (!algorithm.equals(SHA256)) {
            throw new IllegalArgumentException("invalid digest \"" + text + "\": the algorithm is \"" + algorithm
                    + "\", but jrocker supports only sha256 digests");
        }
        String hex = text.substring(colon + 1);
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid digest \"" + text
                    + "\": expected sha256:<64 lowercase hex digits>");
        }
        return new Digest(algorithm, hex);
        // end::exercise-digest[]
    }

    /** The sha256 digest of {@code content}. */
    public static Digest sha256(byte[] content) {
        return of(newSha256().digest(content));
    }

    /** A digest from the 32 bytes a finished {@link MessageDigest} returns. */
    public static Digest of(byte[] sha256Bytes) {
        return new Digest(SHA256, HexFormat.of().formatHex(sha256Bytes));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256 (every Java SE implementation must)", e);
        }
    }

    /** The first 12 hex digits: docker's short image ID, for listings (never for lookups). */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
