package jrocker.step05.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The registry's small JSON documents, mapped to records by Jackson: a token server's answer and the error
 * body of a refused request. Unknown fields are ignored: registries add their own.
 */
final class RegistryJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RegistryJson() {
    }

    /**
     * A token server's answer: {@code {"token":"...","expires_in":300}}. Docker's token spec calls it
     * {@code token}; OAuth 2 clients expect {@code access_token}; servers send either or both.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String token, @JsonProperty("access_token") String accessToken) {
        String value() {
            return token != null && !token.isEmpty() ? token : accessToken;
        }
    }

    /** {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":...}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(List<ErrorEntry> errors) {
    }

    /** One error: {@code code} is one of the distribution spec's codes, {@code message} its text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorEntry(String code, String message) {
        /** MANIFEST_UNKNOWN as "manifest unknown", the way docker shows codes. */
        String words() {
            return code == null ? "error" : code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }
}
