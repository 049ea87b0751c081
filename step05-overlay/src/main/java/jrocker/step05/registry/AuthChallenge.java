package jrocker.step05.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a registry answers a request it will not serve without credentials: status 401 and a header
 * <pre>
 *   WWW-Authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"
 *   WWW-Authenticate: Basic realm="Registry Realm"
 * </pre>
 * The scheme says how to authenticate: {@code Bearer} means "ask the token server at {@code realm} for a
 * token for {@code service} and {@code scope}, then send it as {@code Authorization: Bearer TOKEN}" (Docker
 * Hub gives anonymous tokens for public images); {@code Basic} means "send a user name and password".
 *
 * @param scheme     lowercase: {@code bearer}, {@code basic}
 * @param parameters the name=value pairs after the scheme, names lowercase, values unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    public AuthChallenge {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter by its (case-insensitive) name, or null. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Parse one challenge (RFC 7235): a scheme, then comma-separated {@code name=value} pairs, each value a
     * token or a quoted string. A quoted value may contain commas ({@code scope="repository:app:pull,push"})
     * and backslash escapes ({@code \"}). Throws {@link IllegalArgumentException} for anything else.
     */
    public static AuthChallenge parse(String header) {
        // tag::exercise-auth-challenge[]
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("an empty WWW-Authenticate challenge");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = space < 0 ? text.length() : space + 1;
        while (at < text.length()) {
            int equals = text.indexOf('=', at);
            if (equals < 0) {
                throw new IllegalArgumentException("no '=' after \"" + text.substring(at).strip()
                        + "\" in the challenge: " + header);
            }
            String name = text.substring(at, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            at = equals + 1;
            if (at < text.length() && text.charAt(at) == '"') {
                at++; // a quoted string: up to the next unescaped quote, commas included
                while (at < text.length() && text.charAt(at) != '"') {
                    if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                        at++;
                    }
                    value.append(text.charAt(at++));
                }
                if (at >= text.length()) {
                    throw new IllegalArgumentException("an unterminated quoted value for " + name
                            + " in the challenge: " + header);
                }
                at++; // the closing quote
            } else {
                while (at < text.length() && text.charAt(at) != ',') {
                    value.append(text.charAt(at++));
                }
            }
            parameters.put(name, value.toString().strip());
            while (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == ' ')) {
                at++; // the separator between two parameters
            }
        }
        return new AuthChallenge(scheme, parameters);
        // end::exercise-auth-challenge[]
    }
}
