package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageReference;
import jrocker.step05.store.HumanUnits;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker images}: docker's table of images, one row per name (an image without one shows {@code <none>}). */
@Command(name = "images",
        description = "List the images: REPOSITORY, TAG, IMAGE ID, CREATED, SIZE, newest first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the list was printed", "125:the store cannot be read"})
public class ImagesCommand implements Callable<Integer> {
    private static final String NONE = "<none>";

    @Option(names = {"-q", "--quiet"}, description = "Print only the image IDs (12 hex digits), each once.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public ImagesCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        List<StoredImage> images;
        try {
            images = ImageStore.open(dataRoot.dataRoot()).list();
        } catch (IOException e) {
            throw ContainerException.runtime("cannot list the images: " + StoreErrors.describe(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            new LinkedHashSet<>(images.stream().map(image -> image.id().shortHex()).toList()).forEach(out::println);
        } else {
            out.print(table(images, Instant.now()));
        }
        out.flush();
        return 0;
    }

    /** The table, columns padded like docker's (widest cell plus three spaces). */
    static String table(List<StoredImage> images, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"});
        for (StoredImage image : images) {
            String created = HumanUnits.duration(Duration.between(image.created(), now)) + " ago";
            String size = HumanUnits.size(image.size());
            if (image.names().isEmpty()) {
                rows.add(new String[] {NONE, NONE, image.id().shortHex(), created, size});
            }
            for (ImageReference name : image.names()) {
                rows.add(new String[] {name.familiarName(), name.tag(), image.id().shortHex(), created, size});
            }
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
