package jrocker.step05.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference as users type it, with docker's grammar and docker's normalization:
 * <pre>
 *   busybox                           = docker.io/library/busybox:latest
 *   busybox:1.36                      = docker.io/library/busybox:1.36
 *   library/busybox                   = docker.io/library/busybox:latest
 *   localhost:5000/team/app:v1        (domain localhost:5000, path team/app, tag v1)
 *   [::1]:5000/app                    (an IPv6 address in brackets, as in a URL)
 *   app@sha256:&lt;64 hex&gt;               (no tag: the digest names the image exactly)
 * </pre>
 *
 * <p><b>Normalization (a decision).</b> jrocker follows docker, not podman: a name without a domain is on
 * {@value #DEFAULT_DOMAIN}, and an official image's one-component path gets {@code library/}. So
 * {@code busybox}, {@code library/busybox} and {@code docker.io/library/busybox:latest} are the
 * <em>same</em> reference (equal records): an image loaded from a {@code docker save} tagged
 * {@code busybox:latest}, or from skopeo, which writes {@code docker.io/library/busybox:latest}, is found by
 * {@code jrocker run busybox}. {@link #toString()} is the full form, for storing;
 * {@link #familiar()} the short form docker prints, for showing. A missing tag means {@value #DEFAULT_TAG}
 * unless a digest is given. The legacy domain {@code index.docker.io} is normalized to docker.io.
 *
 * <p><b>Grammar</b> (docker's distribution/reference): the first component is a domain if it contains a
 * {@code .} or a {@code :}, is {@code localhost}, or has an uppercase letter; path components are lowercase
 * letters and digits separated by {@code .}, {@code _}, {@code __} or dashes; a tag is
 * {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}; the name (domain and path) is at most 255 characters. A domain
 * is a host name, an IPv4 address or an IPv6 address in brackets ({@code [::1]}, {@code [fe80::1]}), with an
 * optional {@code :port}.
 *
 * @param domain the registry, e.g. {@code docker.io} or {@code localhost:5000}
 * @param path   the repository path, e.g. {@code library/busybox}
 * @param tag    the tag, or null when only a digest is given
 * @param digest the digest, or null
 */
public record ImageReference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_TAG_LENGTH = 128;

    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    /** A host name or IPv4 address, or an IPv6 address in brackets (docker's {@code ipv6address}); then a port. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    public ImageReference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest: " + domain + "/" + path);
        }
    }

    /** Parse what a user typed; throws {@link InvalidReferenceException} with the reason. */
    public static ImageReference parse(String text) {
        // tag::exercise-image-reference[]
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException("", "it is empty; name an image like busybox or busybox:1.36");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidReferenceException(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) { // a colon before the last slash is a port: localhost:5000/app
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(text, tag);
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(text, "the repository name is empty");
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(text, "the repository name is " + rest.length()
                    + " characters long, at most " + MAX_NAME_LENGTH + " are allowed");
        }
        String domain = DEFAULT_DOMAIN;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeDomain(rest.substring(0, slash))) {
            domain = rest.substring(0, slash);
            path = rest.substring(slash + 1);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new InvalidReferenceException(text, "\"" + domain + "\" is not a valid registry domain"
                        + " (host name or address, optionally :port)");
            }
        }
        checkPath(text, path);
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = OFFICIAL_PREFIX + path;
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(domain, path, tag, digest);
        // end::exercise-image-reference[]
    }

    /** True if {@code text} parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    // docker's rule: "localhost", anything with a dot or a port, or anything with an uppercase letter
    // (repository paths cannot have one, so such a component can only be meant as a host name).
    private static boolean looksLikeDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.equals(component.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkTag(String text, String tag) {
        if (tag.isEmpty()) {
            throw new InvalidReferenceException(text, "the tag after ':' is empty");
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            throw new InvalidReferenceException(text, "the tag is " + tag.length() + " characters long, at most "
                    + MAX_TAG_LENGTH + " are allowed");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(text, "the tag \"" + tag + "\" may only contain letters, digits,"
                    + " '_', '.' and '-', and must not start with '.' or '-'");
        }
    }

    private static void checkPath(String text, String path) {
        if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidReferenceException(text, "repository names must be lowercase (\""
                    + path.toLowerCase(java.util.Locale.ROOT) + "\")");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidReferenceException(text, "the repository path \"" + path
                        + "\" has an empty component");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(text, "\"" + component + "\" is not a valid repository path"
                        + " component (lowercase letters and digits, separated by '.', '_', '__' or dashes)");
            }
        }
    }

    /** The repository name, without tag and digest: {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /**
     * The repository name as docker shows it: {@code busybox}, {@code team/app}, {@code quay.io/x/y}.
     * The domain stays when the path's first component would be read as a domain without it:
     * {@code docker.io/0.0/app} is not {@code 0.0/app} (docker itself gets this wrong).
     */
    public String familiarName() {
        int slash = path.indexOf('/');
        if (!domain.equals(DEFAULT_DOMAIN) || slash >= 0 && looksLikeDomain(path.substring(0, slash))) {
            return name();
        }
        return path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0
                ? path.substring(OFFICIAL_PREFIX.length()) : path;
    }

    /** The short form docker shows: {@code busybox:latest}; parses back to an equal reference. */
    public String familiar() {
        return familiarName() + suffix();
    }

    /** A reference to the same repository with another tag (and no digest). */
    public ImageReference withTag(String newTag) {
        return parse(name() + ":" + newTag);
    }

    /** The full form: {@code docker.io/library/busybox:latest}; parses back to an equal reference. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
