package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.Digest;
import jrocker.step01.container.ExitCodes;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ImageStoreException;
import jrocker.step05.store.StoreErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrocker rmi [-f] IMAGE...}: docker's rmi. A name is untagged; the image goes when its last name does,
 * with every layer no other image uses. An image a container uses is refused, unless {@code -f}: then it
 * loses its names but stays, because its layers are that container's file system.
 */
@Command(name = "rmi",
        description = {"Untag images, and delete those left without a name, with the layers no other image uses.",
            "An image used by a container (DATA_ROOT/containers/*/image) is refused; with -f it is untagged and kept."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was removed",
            "1:some image does not exist, or is in use (each is said why; the others were removed)",
            "125:the store could not be read or written"})
public class RmiCommand implements Callable<Integer> {
    /** Docker's code when an image cannot be removed: it does not exist, or a container uses it. */
    static final int NO_SUCH_IMAGE = 1;

    @Option(names = {"-f", "--force"},
            description = "Remove an image even if a container uses it (it is untagged, not deleted), or by ID when it has several names.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "NAME[:TAG], an image ID, or an ID prefix.")
    List<String> references;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public RmiCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        ImageStore store;
        try {
            store = ImageStore.open(dataRoot.dataRoot());
        } catch (IOException e) {
            throw jrocker.step01.container.ContainerException.runtime("cannot open the image store: " + StoreErrors.describe(e));
        }
        for (String reference : references) { // like docker: one failure does not stop the others
            try {
                ImageStore.Removal removal = store.remove(reference, force);
                removal.untagged().forEach(name -> out.println("Untagged: " + name));
                for (Digest id : removal.deleted()) {
                    out.println("Deleted: " + id);
                }
            } catch (ImageStoreException e) { // no such image, or one a container uses: docker's 1
                out.flush();
                err.println("jrocker: " + StoreErrors.describe(e));
                status = Math.max(status, NO_SUCH_IMAGE);
            } catch (IOException e) {             // the store itself failed: jrocker's 125
                out.flush();
                err.println("jrocker: " + StoreErrors.describe(e));
                status = ExitCodes.RUNTIME_FAILED;
            }
        }
        out.flush();
        err.flush();
        return status;
    }
}
