package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerId;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerStatus;
import jrocker.step05.store.HumanUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker ps [-a] [-q]}: the containers, newest first, as docker lists them. The STATUS column is found
 * out now, not read from a file: see {@link ContainerRecord#status()}.
 */
@Command(name = "ps", description = "List containers (running ones; -a: all).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the list was printed"})
public class PsCommand implements Callable<Integer> {
    @Option(names = {"-a", "--all"}, description = "Show all containers, also those that exited.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only the IDs (e.g. for jrocker rm -f $(jrocker ps -aq)).")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public PsCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** One row, read from a record. */
    record Row(ContainerConfig config, ContainerStatus status) {
    }

    @Override
    public Integer call() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ContainerRecord record : Containers.all(dataRoot.dataRoot())) {
            try {
                ContainerStatus status = record.status();
                if (all || status.running()) {
                    rows.add(new Row(record.config(), status));
                }
            } catch (NoSuchFileException removedMeanwhile) {
                // an rm got there while we listed
            }
        }
        rows.sort(Comparator.comparing((Row row) -> row.config().created()).reversed());
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            rows.forEach(row -> out.println(new ContainerId(row.config().id()).shortId()));
        } else {
            out.print(table(rows, Instant.now()));
        }
        out.flush();
        return 0;
    }

    // tag::table[]
    /** docker's columns, each as wide as its widest cell plus three spaces. */
    static String table(List<Row> rows, Instant now) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES"));
        for (Row row : rows) {
            ContainerConfig config = row.config();
            cells.add(List.of(new ContainerId(config.id()).shortId(), config.image(), command(config.argv()),
                    HumanUnits.duration(java.time.Duration.between(config.created(), now)) + " ago",
                    row.status().describe(now), config.name()));
        }
        int[] widths = new int[6];
        for (List<String> line : cells) {
            for (int column = 0; column < 6; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> line : cells) {
            for (int column = 0; column < 5; column++) {
                table.append(String.format("%-" + (widths[column] + 3) + "s", line.get(column)));
            }
            table.append(line.get(5)).append('\n');
        }
        return table.toString();
    }
    // end::table[]

    /** The command, quoted and cut at 20 characters like docker's: "sh -c 'sleep 1000'" → "sh -c 'sleep 1000'". */
    static String command(List<String> argv) {
        String joined = String.join(" ", argv);
        if (joined.length() > 20) {
            joined = joined.substring(0, 19) + "…";
        }
        return "\"" + joined + "\"";
    }
}
