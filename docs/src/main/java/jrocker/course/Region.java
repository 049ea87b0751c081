package jrocker.course;

import java.nio.file.Path;

/**
 * A marked region of a step's source file: the whole body of one method, between the lines
 * <pre>
 *     // tag::exercise-ID[]
 *     ...the body...
 *     // end::exercise-ID[]
 * </pre>
 * The markers use AsciiDoctor's tag syntax, so the book can include the same method by one of its own
 * tags and never shows them (AsciiDoctor drops every tag line from a tagged include).
 *
 * @param file      the source file, relative to the project's top directory
 * @param begin     the index (from 0) of the {@code tag::} line
 * @param end       the index of the {@code end::} line
 * @param indent    the indentation of the {@code tag::} line, which the TODO keeps
 * @param signature the line that opens the body, without its {@code {}: {@code public static String find(String name, String path)}
 * @param owner     the innermost class or record the method is declared in: {@code CommandLookup}, {@code MountProc}
 */
public record Region(Path file, int begin, int end, String indent, String signature, String owner) {

    /** The method's name as a reader looks for it: {@code find} (the word before the first parenthesis). */
    public String methodName() {
        int paren = signature.indexOf('(');
        String head = (paren < 0 ? signature : signature.substring(0, paren)).strip();
        int space = head.lastIndexOf(' ');
        return space < 0 ? head : head.substring(space + 1);
    }

    /** {@code CommandLookup.find}, or {@code MountProc.run} for a method of a nested record. */
    public String where() {
        return owner + "." + methodName();
    }
}
