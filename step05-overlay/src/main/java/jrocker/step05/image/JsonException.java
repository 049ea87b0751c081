package jrocker.step05.image;

/**
 * Text that is not valid JSON, or a value {@link Json} cannot write. The message is one line naming the
 * offset, e.g. {@code invalid JSON at offset 123: expected ',' or '}', found ']'}.
 */
public class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String problem;

    public JsonException(int offset, String problem) {
        super("invalid JSON at offset " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** For values that cannot be written: there is no offset. */
    public JsonException(String message) {
        super(message);
        this.offset = -1;
        this.problem = message;
    }

    /** The message without the offset: {@code expected ',' or '}', found ']'}. */
    public String problem() {
        return problem;
    }

    /** Where the problem is, counted in characters from the start (bytes, for {@link Json#parse(byte[])}); -1 if none. */
    public int offset() {
        return offset;
    }
}
