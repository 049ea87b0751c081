import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws run-benchmarks' results as an SVG bar chart: one panel per measurement, one bar per tool, each
 * panel on its own scale. Run as a single-file program, no build and no library needed:
 *
 * <pre>java Chart.java results.tsv results.svg</pre>
 *
 * The input has one line per result: section, label, median, min, max, runs, note (tab-separated; an
 * empty median means "not measured" and the note says why). Milliseconds, except the memory section (MiB).
 */
public class Chart {
    record Row(String label, Double median, Double min, Double max, String note) {
    }

    static final int WIDTH = 960;
    static final int LABEL_WIDTH = 300;
    static final int BAR_HEIGHT = 18;
    static final int ROW = 24;
    static final int PANEL_GAP = 46;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java Chart.java RESULTS.tsv OUTPUT.svg");
            System.exit(2);
        }
        Map<String, List<Row>> sections = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] field = line.split("\t", -1);
            sections.computeIfAbsent(field[0], key -> new ArrayList<>())
                    .add(new Row(field[1], number(field[2]), number(field[3]), number(field[4]),
                            field.length > 6 ? field[6] : ""));
        }
        Files.writeString(Path.of(args[1]), svg(sections), StandardCharsets.UTF_8);
    }

    static Double number(String text) {
        return text == null || text.isBlank() ? null : Double.valueOf(text);
    }

    static String svg(Map<String, List<Row>> sections) {
        StringBuilder body = new StringBuilder();
        int y = 20;
        for (Map.Entry<String, List<Row>> section : sections.entrySet()) {
            String unit = section.getKey().equals("memory") ? "MiB" : "ms";
            List<Row> rows = section.getValue();
            double max = 0;
            for (Row row : rows) {
                if (row.max() != null) {
                    max = Math.max(max, row.max());
                } else if (row.median() != null) {
                    max = Math.max(max, row.median());
                }
            }
            double scale = max == 0 ? 0 : (WIDTH - LABEL_WIDTH - 110) / max;
            body.append(text(10, y + 14, title(section.getKey()), "title"));
            y += 26;
            for (Row row : rows) {
                body.append(text(LABEL_WIDTH - 8, y + 13, row.label(), "label"));
                if (row.median() == null) {
                    body.append(text(LABEL_WIDTH + 4, y + 13, row.note().isEmpty() ? "not measured" : row.note(), "note"));
                } else {
                    double width = Math.max(1, row.median() * scale);
                    body.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                            LABEL_WIDTH, y, width, BAR_HEIGHT, barColor(row.label())));
                    if (row.min() != null && row.max() != null) { // the spread of the runs: min to max
                        body.append(String.format(Locale.ROOT,
                                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222222\" stroke-width=\"1\"/>%n",
                                LABEL_WIDTH + row.min() * scale, LABEL_WIDTH + row.max() * scale, y + BAR_HEIGHT / 2,
                                y + BAR_HEIGHT / 2));
                    }
                    double end = LABEL_WIDTH + (row.max() != null ? row.max() : row.median()) * scale;
                    body.append(text((int) end + 6, y + 13, format(row.median()) + " " + unit, "value"));
                }
                y += ROW;
            }
            y += PANEL_GAP - ROW + 10;
        }
        int height = y;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" font-family=\"sans-serif\" font-size=\"13\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + body
                + "</svg>\n";
    }

    static String title(String section) {
        return switch (section) {
            case "floor" -> "jrocker's commands and their floors, in one run (median, min to max)";
            case "start" -> "Start a container that runs true (median, min to max)";
            case "import-busybox" -> "Import busybox";
            case "import-big" -> "Import the big layer (~350 MB, ~14,000 files)";
            case "pull-big" -> "Pull the big image from a registry on 127.0.0.1";
            case "create" -> "Create and run a container: busybox image against the big image";
            case "memory" -> "Memory per detached container: its monitor and console";
            default -> section;
        };
    }

    /** jrocker red, the other runtimes and tools blue, the floors grey. */
    static String barColor(String label) {
        if (label.startsWith("jrocker")) {
            return "#d9534f";
        }
        if (label.contains("floor") || label.contains("JVM") || label.contains("wrapper")) {
            return "#aaaaaa";
        }
        return "#5b8def";
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text in one of four styles, with presentation attributes only (the PDF's SVG renderer knows no CSS). */
    static String text(int x, int y, String content, String style) {
        String escaped = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String attributes = switch (style) {
            case "title" -> " font-weight=\"bold\" font-size=\"14\"";
            case "label" -> " text-anchor=\"end\"";
            case "note" -> " fill=\"#666666\" font-style=\"italic\"";
            default -> " fill=\"#222222\"";
        };
        return "<text x=\"" + x + "\" y=\"" + y + "\"" + attributes + ">" + escaped + "</text>\n";
    }
}
