package jrocker.course;

/** The course's sources, catalogue or tests are not what the course needs; the message says what to fix. */
public class CourseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CourseException(String message) {
        super(message);
    }
}
