package jrocker.step05.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JSONObjectException;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterModifier;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for image documents and jrocker's own files, through jackson-jr: a JSON object maps to a Java record
 * whose components are named like its fields ({@code mediaType}, {@code digest}, ...), or, where the whole
 * document must be kept, to a {@code Map} that keeps the fields in document order.
 *
 * <p>Reading is strict where it matters and tolerant where the specifications ask for it:
 * <ul>
 *   <li>unknown fields are ignored (OCI: "implementations MUST ignore unknown properties");</li>
 *   <li>field names match without regard to case, as in Go's {@code encoding/json}, which docker uses: docker
 *       writes {@code "Cmd"} and {@code "Config"}, and those fill components {@code cmd} and {@code config};</li>
 *   <li>a duplicate key is refused: when two parsers disagree on which of two {@code "Entrypoint"} keys
 *       wins, an image can show one command to a reviewer and run another;</li>
 *   <li>a string field must hold a string, a number field a whole number, a boolean field true or false
 *       (jackson-jr alone would turn {@code "12"} or {@code 1.5} into the number 12 or 1);</li>
 *   <li>anything after the one value is refused, and nesting deeper than jackson-core's limit.</li>
 * </ul>
 * A null is written as null, in records too, so a kept document keeps docker's {@code "Entrypoint": null}.
 * Every problem becomes an {@link ImageFormatException} whose message is one line naming the document and,
 * where it can, the field: {@code manifest sha256:ab12... of /x: "layers.1.size" must be a whole number, not a string}.
 *
 * <p>Numbers in a kept document stay as written: whole numbers as integers of any size, others as
 * {@code BigDecimal} ({@code 1.50} is not rounded through a {@code double}).
 */
public final class Json {
    private static final JSON JSON_FORMAT = JSON.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build())
            .register(new StrictValues())
            .disable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY, JSON.Feature.USE_DEFERRED_MAPS)
            .enable(JSON.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS,
                    JSON.Feature.PRESERVE_FIELD_ORDERING, JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
                    JSON.Feature.WRITE_NULL_PROPERTIES)
            .build();

    /** docker inspect's layout: four spaces per level, {@code "key": value}, and {@code []} for an empty array. */
    private static final JSON INDENTED = JSON_FORMAT.with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    private static final Pattern WRONG_STRUCTURE = Pattern.compile("Unexpected token (\\w+); should get START_(ARRAY|OBJECT)");
    /** jackson-core names the input in locations; it is the document, which the message names already. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]");

    private Json() {
    }

    /** Read {@code json} into a {@code type} (a record); {@code document} names it in messages. */
    public static <T> T read(byte[] json, Class<T> type, String document) throws ImageFormatException {
        return parse(json, document, parser -> JSON_FORMAT.beanFrom(type, parser));
    }

    /** Read a JSON array of {@code type}s. */
    public static <T> List<T> readList(byte[] json, Class<T> type, String document) throws ImageFormatException {
        return parse(json, document, parser -> JSON_FORMAT.listOfFrom(type, parser));
    }

    /** Read a JSON object whole, keeping every field in document order; the map can be changed. */
    public static Map<String, Object> readObject(byte[] json, String document) throws ImageFormatException {
        Object value = readValue(json, document);
        if (!(value instanceof Map<?, ?>)) {
            throw new ImageFormatException(document + " is not a JSON object but " + kind(value));
        }
        @SuppressWarnings("unchecked") // jackson-jr makes only String keys
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /** Read any JSON value: a Map, a List, a String, a Number, a Boolean or null. */
    public static Object readValue(byte[] json, String document) throws ImageFormatException {
        return parse(json, document, JSON_FORMAT::anyFrom);
    }

    /** Compact JSON for a record, a Map, a List or a scalar, as UTF-8. Records' null components are left out. */
    public static byte[] write(Object value) {
        try {
            return JSON_FORMAT.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** JSON indented like {@code docker inspect}'s output. */
    public static String writeIndented(Object value) {
        try {
            return INDENTED.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** A deep copy of a JSON object that can be changed without touching {@code object}. */
    public static Map<String, Object> copy(Map<String, Object> object) {
        try {
            return readObject(write(object), "a copy");
        } catch (ImageFormatException e) {
            throw new IllegalStateException("what was written does not read back: " + e.getMessage(), e);
        }
    }

    /** For records' constructors: a field that must be there. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value;
    }

    private interface Reading<T> {
        T from(JsonParser parser) throws IOException;
    }

    private static <T> T parse(byte[] json, String document, Reading<T> reading) throws ImageFormatException {
        try (JsonParser parser = JSON_FORMAT.createParser(json)) {
            try {
                T value = reading.from(parser);
                if (parser.nextToken() != null) {
                    throw new ImageFormatException("corrupt JSON in " + document + ": more data after the JSON value (at "
                            + position(parser) + ")");
                }
                return value;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ImageFormatException(problem(document, parser, e), e);
            }
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageFormatException("cannot read " + document + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * One line: the document, where in it (the path of a field, such as {@code "config.Env.1"}) and what is
     * wrong. When a record's constructor refused a value, its IllegalArgumentException down the cause chain says why.
     */
    private static String problem(String document, JsonParser parser, Exception e) {
        String path = parser.getParsingContext().pathAsPointer().toString().replace('/', '.');
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refused || cause instanceof IllegalArgumentException) {
                String message = cause.getMessage();
                if (message.startsWith("\"")) { // a constructor names a field of the object it makes: "size" ...
                    int end = message.indexOf('"', 1);
                    path = path + "." + message.substring(1, end);
                    message = message.substring(end + 2);
                }
                return document + ": " + (path.isEmpty() ? "" : "\"" + path.substring(1) + "\" ") + message;
            }
        }
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
        Matcher structure = WRONG_STRUCTURE.matcher(message);
        if (structure.matches()) { // jackson-jr: "Unexpected token VALUE_STRING; should get START_ARRAY"
            return document + ": " + (path.isEmpty() ? "the document" : "\"" + path.substring(1) + "\"") + " must be "
                    + (structure.group(2).equals("ARRAY") ? "an array" : "an object") + ", not "
                    + kind(JsonToken.valueOf(structure.group(1)));
        }
        message = SOURCE.matcher(firstLine(message)).replaceAll("line $1, column $2");
        return "corrupt JSON in " + document + ": " + message + " (at " + position(parser) + ")";
    }

    private static String position(JsonParser parser) {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String kind(Object value) {
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

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            default -> "an object";
        };
    }

    /**
     * jackson-jr's readers for strings, numbers and booleans convert what they find ("12" to 12, 1.5 to 1, 2 to
     * "2"); these refuse it instead, and read and write digests and instants as the strings OCI and RFC 3339 use.
     */
    private static final class StrictValues extends JacksonJrExtension {
        @Override
        protected void register(ExtensionContext context) {
            context.insertProvider(new ReaderWriterProvider() {
                @Override
                public ValueReader findValueReader(JSONReader reader, Class<?> type) {
                    if (type == String.class || type == Digest.class || type == Instant.class) {
                        return new StringValue(type);
                    }
                    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
                        return new WholeNumber(type);
                    }
                    return type == boolean.class || type == Boolean.class ? new BooleanValue(type) : null;
                }

                @Override
                public ValueWriter findValueWriter(JSONWriter writer, Class<?> type) {
                    return type == Digest.class || type == Instant.class ? new AsString(type) : null;
                }
            });
            context.insertModifier(new ReaderWriterModifier() {
                @Override
                public ValueReader modifyValueReader(JSONReader reader, Class<?> type, ValueReader standard) {
                    return type.isRecord() ? new RecordValue(standard) : standard;
                }
            });
        }
    }

    /**
     * A record's reader that keeps its constructor's message: jackson-jr wraps an exception of a nested
     * record's constructor in one that has lost it ("... due to InvocationTargetException: null").
     */
    private static final class RecordValue extends ValueReader {
        private final ValueReader standard;

        RecordValue(ValueReader standard) {
            super(standard.valueType());
            this.standard = standard;
        }

        @Override
        public Object read(JSONReader reader, JsonParser parser) throws IOException {
            try {
                return standard.read(reader, parser);
            } catch (JSONObjectException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof IllegalArgumentException refused) {
                        throw new Refused(refused.getMessage());
                    }
                }
                throw e;
            }
        }
    }

    /**
     * A value the strict readers refuse; {@link #problem} puts the field's path in front of the message. (An
     * IllegalArgumentException thrown while reading a value would reach us without its message.)
     */
    private static final class Refused extends JSONObjectException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static Refused wrongType(JsonParser parser, String expected) {
        return new Refused("must be " + expected + ", not " + kind(parser.currentToken()));
    }

    private static final class StringValue extends ValueReader {
        StringValue(Class<?> type) {
            super(type);
        }

        @Override
        public Object read(JSONReader reader, JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw wrongType(parser, "a string");
            }
            String text = parser.getText();
            if (_valueType == Digest.class) {
                try {
                    return Digest.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new Refused("is not a usable digest: " + e.getMessage());
                }
            }
            if (_valueType == Instant.class) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new Refused("is not a time in UTC (RFC 3339): \"" + text + "\"");
                }
            }
            return text;
        }
    }

    private static final class WholeNumber extends ValueReader {
        WholeNumber(Class<?> type) {
            super(type);
        }

        @Override
        public Object read(JSONReader reader, JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL && !_valueType.isPrimitive()) {
                return null;
            }
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw wrongType(parser, "a whole number");
            }
            boolean isInt = _valueType == int.class || _valueType == Integer.class;
            JsonParser.NumberType size = parser.getNumberType();
            if (size == JsonParser.NumberType.BIG_INTEGER || isInt && size != JsonParser.NumberType.INT) {
                throw new Refused("is out of range: " + parser.getText());
            }
            return isInt ? (Object) parser.getIntValue() : (Object) parser.getLongValue();
        }
    }

    private static final class BooleanValue extends ValueReader {
        BooleanValue(Class<?> type) {
            super(type);
        }

        @Override
        public Object read(JSONReader reader, JsonParser parser) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> _valueType.isPrimitive() ? false : null;
                default -> throw wrongType(parser, "true or false");
            };
        }
    }

    private static final class AsString implements ValueWriter {
        private final Class<?> type;

        AsString(Class<?> type) {
            this.type = type;
        }

        @Override
        public void writeValue(JSONWriter context, JsonGenerator generator, Object value) throws IOException {
            generator.writeString(value.toString());
        }

        @Override
        public Class<?> valueType() {
            return type;
        }
    }
}
