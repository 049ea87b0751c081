package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageException;
import jrocker.step05.image.ImageReference;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ProgressBar;
import jrocker.step05.store.StoreErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker load -i PATH}: docker's load, for docker-save tars, OCI layouts and oci-archive tars. */
@Command(name = "load",
        description = {"Load the images of a `docker save` tar, an OCI image layout directory or an oci-archive tar"
                + " (`skopeo copy ... oci-archive:FILE`). Every blob is checked against its digest.",
            "Prints `Loaded image: NAME:TAG` per name, or `Loaded image ID: sha256:...` for an image without a name"
                    + " (an OCI name that is only a tag, like 1.36, does not say which repository)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was loaded",
            "125:the archive is missing, corrupt or unsupported, or the store cannot be written"})
public class LoadCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "The archive: a tar file or an OCI layout directory.")
    Path input;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public LoadCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        List<ImageStore.Loaded> loaded;
        try {
            ImageStore store = ImageStore.open(dataRoot.dataRoot());
            loaded = store.load(input, ProgressBar.forStderr(spec.commandLine().getErr()));
        } catch (ImageException e) {
            throw ContainerException.runtime(e.getMessage()); // the library's messages name the archive
        } catch (IOException e) {
            throw ContainerException.runtime("cannot load " + input + ": " + StoreErrors.describe(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ImageStore.Loaded image : loaded) {
            if (image.names().isEmpty()) {
                out.println("Loaded image ID: " + image.image().id());
            }
            for (ImageReference name : image.names()) {
                out.println("Loaded image: " + name.familiar());
            }
        }
        out.flush();
        return 0;
    }
}
