package jrocker.course;

import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a method's body in a learner's source file, whatever the learner wrote in it, to put an
 * exercise's TODO back ({@code ./workshop reset}): the method is the first after the declaration of its
 * {@link Region#owner()} whose line starts with its {@link Region#signature()}, and its body ends at the
 * brace that matches its opening one. Braces inside strings, characters, text blocks and comments do not
 * count.
 */
final class MethodBody {
    private MethodBody() {
    }

    /**
     * {@code text} with the body of {@code region}'s method replaced by what {@code body} appends to a
     * StringBuilder, given the indentation of the body's lines.
     */
    static String replace(String text, Region region, BiConsumer<StringBuilder, String> body) {
        Matcher owner = Pattern.compile("\\b(class|record|interface|enum)\\s+" + Pattern.quote(region.owner()) + "\\b").matcher(text);
        if (!owner.find()) {
            throw new IllegalArgumentException(region.file() + " no longer declares " + region.owner()
                    + ": put it back, then reset again");
        }
        Matcher method = Pattern.compile("(?m)^([ \\t]*)" + Pattern.quote(region.signature()) + "\\s*\\{").matcher(text);
        if (!method.find(owner.end())) {
            throw new IllegalArgumentException(region.file() + " has no method " + region.signature() + " in "
                    + region.owner() + " any more: put its first line back, then reset again");
        }
        int open = method.end() - 1;
        int close = matchingBrace(text, open);
        if (close < 0) {
            throw new IllegalArgumentException(region.file() + ": the body of " + region.where()
                    + " has no closing brace: fix the file, then reset again");
        }
        String indent = method.group(1);
        StringBuilder replaced = new StringBuilder(text.substring(0, open + 1)).append('\n');
        body.accept(replaced, indent + "    ");
        replaced.append(indent).append(text.substring(close));
        return replaced.toString();
    }

    /** The index of the brace that closes the one at {@code open}, or -1. */
    static int matchingBrace(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    return -1;
                }
            } else if (text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2);
                if (i < 0) {
                    return -1;
                }
                i += 1;
            } else if (text.startsWith("\"\"\"", i)) {
                i = skipQuoted(text, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(text, i + 1, String.valueOf(c));
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            if (i < 0) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** The index of the last character of {@code end} that closes a literal starting at {@code from}; escapes are skipped. */
    private static int skipQuoted(String text, int from, String end) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.startsWith(end, i)) {
                return i + end.length() - 1;
            }
        }
        return -1;
    }
}
