package jrocker.step05.console;

import java.nio.file.Path;
import java.util.List;

/**
 * The detached container's console as a program: {@code java [JVM_OPTIONS] -cp ... ConsoleMain [--interactive]
 * DIR}, started by {@code run -d} and {@code start} ({@link DetachedConsole}), never typed by anyone. It is a JVM
 * that stays for the container's whole life, so it is as small as a JVM gets: its own {@code main} instead of
 * the CLI's (no picocli: the command-line model of twenty commands would stay in its heap and metaspace for
 * nothing), a small heap, and the init's lean options (one compiler thread, C1 only, the init's class data
 * sharing archive). Each of these took megabytes off its resident memory; the JVM itself is most of what is
 * left (the performance appendix has the numbers).
 */
public final class ConsoleMain {
    /** Added to the init's JVM options ({@code JvmOptions.INIT}): the heap it needs is a few hundred kilobytes. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms1m", "-Xmx16m");

    private ConsoleMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean interactive = args.length == 2 && args[0].equals("--interactive");
        if (args.length != (interactive ? 2 : 1)) {
            System.err.println("usage: " + ConsoleMain.class.getName() + " [--interactive] DIR"
                    + " (the console of a detached container: run -d starts it)");
            System.exit(2);
        }
        new ConsoleKeeper(Path.of(args[args.length - 1]), interactive).serve();
    }
}
