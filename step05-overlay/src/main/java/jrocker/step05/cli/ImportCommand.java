package jrocker.step05.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageReference;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ProgressBar;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker import FILE NAME[:TAG]}: docker's import, a flat root file system tar as a one-layer image. */
@Command(name = "import",
        description = {"Import a root file system tar (plain or gzip: `docker export`, `jrocker rootfs busybox`)"
                + " as a one-layer image, and print its ID.",
            "The image runs `sh` by default when the tar has /bin/sh (docker import sets no command)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the image was imported", "125:the file or the name is bad, or the store cannot be written"})
public class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The tar file.")
    Path file;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]", description = "The image's name, e.g. busybox or busybox:1.36.")
    String name;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public ImportCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        ImageReference reference = ImageNameArgument.parse(name);
        try {
            ImageStore store = ImageStore.open(dataRoot.dataRoot());
            StoredImage image = store.importRootfs(file, reference, ProgressBar.forStderr(spec.commandLine().getErr()));
            spec.commandLine().getOut().println(image.id());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            throw ContainerException.runtime("cannot import " + file + ": " + StoreErrors.describe(e));
        }
    }
}
