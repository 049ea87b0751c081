package jrocker.step05.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.image.Json;

/**
 * The registry's small JSON documents, read with the image documents' {@link Json}: a token server's answer
 * and the error body of a refused request. Unknown fields are ignored: registries add their own.
 */
final class RegistryJson {
    private RegistryJson() {
    }

    /**
     * The token in a token server's answer: {@code {"token":"...","expires_in":300}}. Docker's token spec
     * calls it {@code token}; OAuth 2 clients expect {@code access_token}; servers send either or both, so the
     * answer is read as an object and not as a record (a record's components are named like Java fields).
     *
     * @return the token, or null if the answer has none
     */
    static String token(byte[] json, String document) throws ImageFormatException {
        Map<String, Object> answer = Json.readObject(json, document);
        for (String field : List.of("token", "access_token")) {
            if (answer.get(field) instanceof String token && !token.isEmpty()) {
                return token;
            }
        }
        return null;
    }

    /** {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":...}]}}. */
    record ErrorResponse(List<ErrorEntry> errors) {
    }

    /** One error: {@code code} is one of the distribution spec's codes, {@code message} its text. */
    record ErrorEntry(String code, String message) {
        /** MANIFEST_UNKNOWN as "manifest unknown", the way docker shows codes. */
        String words() {
            return code == null ? "error" : code.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    static ErrorResponse errors(byte[] json, String document) throws ImageFormatException {
        return Json.read(json, ErrorResponse.class, document);
    }
}
