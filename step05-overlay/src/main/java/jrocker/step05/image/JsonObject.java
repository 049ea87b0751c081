package jrocker.step05.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object of an image document, read field by field with checks, so that a wrong document fails
 * with a message naming the document and the field rather than with a ClassCastException:
 * {@code manifest sha256:ab12... of the OCI layout /x: "layers[1].size" must be a number, not a string}.
 */
final class JsonObject {
    private final Map<String, Object> fields;
    private final String document; // e.g. "index.json of the OCI layout /x"
    private final String path; // where this object is in the document: "" or "layers[1]."

    private JsonObject(Map<String, Object> fields, String document, String path) {
        this.fields = fields;
        this.document = document;
        this.path = path;
    }

    /** Parse {@code json}, which must be a JSON object; {@code document} names it in messages. */
    static JsonObject parse(byte[] json, String document) throws ImageFormatException {
        Object value;
        try {
            value = Json.parse(json);
        } catch (JsonException e) {
            throw new ImageFormatException("corrupt JSON in " + document + ": " + e.getMessage());
        }
        return of(value, document);
    }

    static JsonObject of(Object value, String document) throws ImageFormatException {
        if (!(value instanceof Map<?, ?>)) {
            throw new ImageFormatException(document + " is not a JSON object but " + kind(value));
        }
        return new JsonObject(cast(value), document, "");
    }

    /** The fields, as parsed. */
    Map<String, Object> map() {
        return fields;
    }

    String document() {
        return document;
    }

    boolean has(String key) {
        return fields.get(key) != null;
    }

    String string(String key) throws ImageFormatException {
        return required(key, String.class, "a string");
    }

    String optionalString(String key) throws ImageFormatException {
        return optional(key, String.class, "a string");
    }

    long number(String key) throws ImageFormatException {
        Object value = fields.get(key);
        if (value == null) {
            throw missing(key);
        }
        if (!(value instanceof Long number)) {
            throw wrongType(key, "a whole number", value);
        }
        return number;
    }

    Digest digest(String key) throws ImageFormatException {
        String text = string(key);
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(key, "is not a usable digest: " + e.getMessage());
        }
    }

    JsonObject object(String key) throws ImageFormatException {
        JsonObject object = optionalObject(key);
        if (object == null) {
            throw missing(key);
        }
        return object;
    }

    JsonObject optionalObject(String key) throws ImageFormatException {
        Map<?, ?> map = optional(key, Map.class, "an object");
        return map == null ? null : new JsonObject(cast(map), document, path + key + ".");
    }

    List<JsonObject> objects(String key) throws ImageFormatException {
        List<?> list = required(key, List.class, "an array");
        List<JsonObject> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String element = key + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw wrongType(element, "an object", list.get(i));
            }
            objects.add(new JsonObject(cast(map), document, path + element + "."));
        }
        return objects;
    }

    /** An array of strings, or null when the field is absent or null (docker writes "Cmd": null). */
    List<String> optionalStrings(String key) throws ImageFormatException {
        List<?> list = optional(key, List.class, "an array of strings");
        if (list == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw wrongType(key + "[" + i + "]", "a string", list.get(i));
            }
            strings.add(text);
        }
        return strings;
    }

    /** An object whose values are all strings (annotations, labels), or an empty map when absent. */
    Map<String, String> stringMap(String key) throws ImageFormatException {
        Map<?, ?> map = optional(key, Map.class, "an object");
        Map<String, String> strings = new LinkedHashMap<>();
        if (map != null) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof String text)) {
                    throw wrongType(key + "." + entry.getKey(), "a string", entry.getValue());
                }
                strings.put((String) entry.getKey(), text);
            }
        }
        return strings;
    }

    ImageFormatException problem(String key, String problem) {
        return new ImageFormatException(document + ": \"" + path + key + "\" " + problem);
    }

    private <T> T required(String key, Class<T> type, String description) throws ImageFormatException {
        T value = optional(key, type, description);
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    private <T> T optional(String key, Class<T> type, String description) throws ImageFormatException {
        Object value = fields.get(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw wrongType(key, description, value);
        }
        return type.cast(value);
    }

    private ImageFormatException missing(String key) {
        return problem(key, "is missing");
    }

    private ImageFormatException wrongType(String key, String description, Object value) {
        return problem(key, "must be " + description + ", not " + kind(value));
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof List ? "an array" : "an object";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map; // Json.parse makes only String keys
    }
}
