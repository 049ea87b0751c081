package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.image.Digest;
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

    @Option(names = "--digests", description = "Show a DIGEST column: the manifest digest each image was pulled as"
            + " (NAME@DIGEST pulls exactly that image again).")
    boolean digests;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public ImagesCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        List<StoredImage> images;
        Map<Digest, List<ImageReference>> repoDigests = null;
        try {
            ImageStore store = ImageStore.open(dataRoot.dataRoot());
            images = store.list();
            if (digests) {
                repoDigests = new HashMap<>();
                for (StoredImage image : images) {
                    repoDigests.put(image.id(), store.repoDigests(image.id()));
                }
            }
        } catch (IOException e) {
            throw ContainerException.runtime("cannot list the images: " + StoreErrors.describe(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            new LinkedHashSet<>(images.stream().map(image -> image.id().shortHex()).toList()).forEach(out::println);
        } else {
            out.print(table(images, Instant.now(), repoDigests));
        }
        out.flush();
        return 0;
    }

    /** The digest {@code repository} was pulled as, or {@code <none>}. */
    private static String digestOf(String repository, List<ImageReference> pulledAs) {
        return pulledAs.stream().filter(digest -> digest.name().equals(repository)).map(digest -> digest.digest().toString())
                .findFirst().orElse(NONE);
    }

    /** The table, columns padded like docker's (widest cell plus three spaces). */
    static String table(List<StoredImage> images, Instant now) {
        return table(images, now, null);
    }

    /**
     * With {@code repoDigests} (null: no DIGEST column), docker's {@code images --digests}: a name's row shows
     * the digest its repository was pulled as; an image pulled only by digest gets a row per repository, its
     * TAG {@code <none>}.
     */
    static String table(List<StoredImage> images, Instant now, Map<Digest, List<ImageReference>> repoDigests) {
        List<String[]> rows = new ArrayList<>();
        rows.add(repoDigests == null ? new String[] {"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"}
                : new String[] {"REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"});
        for (StoredImage image : images) {
            String created = HumanUnits.duration(Duration.between(image.created(), now)) + " ago";
            String size = HumanUnits.size(image.size());
            List<ImageReference> pulledAs = repoDigests == null ? List.of() : repoDigests.getOrDefault(image.id(), List.of());
            List<String[]> imageRows = new ArrayList<>();
            for (ImageReference name : image.names()) {
                imageRows.add(new String[] {name.familiarName(), name.tag(), digestOf(name.name(), pulledAs)});
            }
            for (ImageReference digest : pulledAs) {
                if (image.names().stream().noneMatch(name -> name.name().equals(digest.name()))) {
                    imageRows.add(new String[] {digest.familiarName(), NONE, digest.digest().toString()});
                }
            }
            if (imageRows.isEmpty()) {
                imageRows.add(new String[] {NONE, NONE, NONE});
            }
            for (String[] row : imageRows) {
                rows.add(repoDigests == null ? new String[] {row[0], row[1], image.id().shortHex(), created, size}
                        : new String[] {row[0], row[1], row[2], image.id().shortHex(), created, size});
            }
        }
        int[] widths = new int[rows.get(0).length];
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
