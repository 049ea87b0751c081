package jrocker.course;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jrocker.step01.cli.Cli;
import jrocker.step05.Main;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The CLI reference appendix and the bash completion script, generated from step05's picocli commands, so
 * they follow the CLI as it grows:
 * <ul>
 *   <li>{@code cli/jrocker-COMMAND.adoc}: one man page per command, written by picocli-codegen's
 *       {@link ManPageGenerator} (AsciiDoc, with its own tags around each section);</li>
 *   <li>{@code cli-reference.adoc}: one section per command, each including its man page without the
 *       man page's document header;</li>
 *   <li>{@code jrocker-completion.bash}: picocli's {@link AutoComplete} script for bash.</li>
 * </ul>
 */
public final class CliReference {
    private CliReference() {
    }

    public static void write(Path out) throws IOException {
        CommandLine jrocker = Cli.commandLine(Main.STEP);
        Path pages = Files.createDirectories(out.resolve("cli"));
        StringBuilder reference = new StringBuilder();
        reference.append("// Written by jrocker.course.CliReference from step05's picocli commands"
                + " (picocli-codegen's ManPageGenerator): do not edit.\n\n");
        write(jrocker.getCommandSpec(), pages, reference);
        Files.writeString(out.resolve("cli-reference.adoc"), reference.toString());
        Files.writeString(out.resolve("jrocker-completion.bash"), AutoComplete.bash("jrocker", jrocker));
    }

    private static void write(CommandSpec spec, Path pages, StringBuilder reference) throws IOException {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(writer, spec);
        }
        String page = spec.qualifiedName("-") + ".adoc";
        Files.writeString(pages.resolve(page), text.toString());
        reference.append("[[cli-").append(spec.qualifiedName("-")).append("]]\n");
        reference.append("== ").append(spec.qualifiedName(" ")).append("\n\n");
        // The page without its header (doctype manpage, its own title): its sections become subsections here.
        reference.append("include::cli/").append(page)
                .append("[tags=**;!picocli-generated-man-section-header,leveloffset=+1]\n\n");
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec child = sub.getCommandSpec();
            if (child.parent() == spec && !child.name().equals("help") && !child.usageMessage().hidden()) {
                write(sub.getCommandSpec(), pages, reference);
            }
        }
    }
}
