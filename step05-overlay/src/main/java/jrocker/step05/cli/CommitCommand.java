package jrocker.step05.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step03.tar.TarWriter;
import jrocker.step05.image.ImageReference;
import jrocker.step05.layer.LinuxLayerFileSystem;
import jrocker.step05.layer.UpperDirArchiver;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ProgressBar;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import jrocker.step05.store.WorkDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jrocker commit CONTAINER NAME[:TAG]}: the container's writable layer (its overlay upper directory)
 * becomes a new layer on top of its image. Overlay whiteouts (0/0 devices, opaque directories) are turned
 * back into OCI's {@code .wh.} entries on the way. Commit a container that has exited: a running one may
 * be changing its files meanwhile (docker pauses it; jrocker has no pause yet).
 */
@Command(name = "commit", description = "Create a new image from a container's changes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the image was created (its ID is printed)", "1:no such container",
            "125:the image could not be created"})
public class CommitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container's ID or a prefix of it.")
    String container;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]", description = "The new image's name.")
    String name;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public CommitCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        ImageReference reference = ImageNameArgument.parse(name);
        try {
            DataRoot root = dataRoot.dataRoot();
            Path directory = Containers.find(root, container);
            ImageStore store = ImageStore.open(root);
            StoredImage base = Containers.imageOf(store, directory);
            try (WorkDirectory work = store.workDirectory()) { // removed on success, failure, or by a later command
                Path layer = work.resolve("layer.tar");
                // tag::archive-upper[]
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(layer));
                     TarWriter tar = new TarWriter(out)) {
                    new UpperDirArchiver(new LinuxLayerFileSystem()).write(directory.resolve("upper"), tar);
                }
                // end::archive-upper[]
                StoredImage committed = store.commit(base, layer, reference, ProgressBar.forStderr(spec.commandLine().getErr()));
                spec.commandLine().getOut().println(committed.id());
                return 0;
            }
        } catch (IOException e) {
            // a store error (an ImageStoreException too) is one line for the user, not an "internal error"
            throw ContainerException.runtime("cannot commit " + container + ": " + StoreErrors.describe(e));
        }
    }
}
