package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jrocker.step03.cli.DataRootOption;
import jrocker.step05.blob.Layer;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageReference;
import jrocker.step05.registry.AuthFile;
import jrocker.step05.registry.ImagePuller;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.LayerProgress;
import jrocker.step05.store.PullProgressLines;
import jrocker.step05.store.StoreErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jrocker pull NAME[:TAG|@DIGEST]}: docker's pull, from a registry that speaks the OCI distribution API. */
@Command(name = "pull",
        description = {"Pull an image from a registry: `busybox` is docker.io/library/busybox:latest; a first"
                + " component with a '.' or a ':', or localhost, names the registry (localhost:5000/app:v1).",
            "Layers already in the store are not downloaded again; three are downloaded at a time, each unpacked as"
                    + " it arrives and checked against its digest. A registry on this machine's loopback interface"
                    + " is reached over plain HTTP; any other over HTTPS."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the image is in the store",
            "1:the pull failed (no such image or tag, a registry that refuses, a corrupt download); nothing of it is"
                    + " left in the store"})
public class PullCommand implements Callable<Integer> {
    /** docker's exit status for a failed pull. */
    static final int PULL_FAILED = 1;

    @Parameters(paramLabel = "NAME[:TAG|@DIGEST]", description = "The image, e.g. busybox, busybox:1.36,"
            + " localhost:5000/team/app@sha256:...")
    String reference;

    @Mixin
    PullOptions options;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's full name, not the progress.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final DataRootOption dataRoot;

    public PullCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ImageReference name = ImageReference.parse(reference);
            ImageStore store = ImageStore.open(dataRoot.dataRoot());
            pull(store, name, options, quiet ? null : PullProgressLines.forStdout(out));
            out.println(name);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) { // an invalid reference or --platform
            err.println("jrocker pull: " + e.getMessage());
        } catch (IOException e) {
            err.println("jrocker pull: " + StoreErrors.describe(e));
        }
        err.flush();
        return PULL_FAILED;
    }

    /**
     * Pull {@code name} into {@code store}, telling {@code lines} (null: nothing) what happens, as docker
     * does: "v1: Pulling from team/app", a line per layer, "Digest: ...", "Status: ...". Shared with run's
     * {@code --pull}.
     */
    static ImagePuller.Result pull(ImageStore store, ImageReference name, PullOptions options, PullProgressLines lines)
            throws IOException {
        ImagePuller.Listener listener = lines == null ? new ImagePuller.Listener() {
            @Override
            public void status(Layer layer, LayerProgress.Status status) {
            }

            @Override
            public void bytes(Layer layer, long read) {
            }
        } : new ImagePuller.Listener() {
            @Override
            public void status(Layer layer, LayerProgress.Status status) {
                lines.status(layer, status);
            }

            @Override
            public void bytes(Layer layer, long read) {
                lines.bytes(layer, read);
            }

            @Override
            public void retrying(Digest blob, int attempt, long offset, IOException cause) {
                lines.retrying(blob, attempt, offset, cause);
            }
        };
        if (lines != null) {
            String what = name.digest() != null ? name.digest().toString() : name.tag();
            lines.line(what + ": Pulling from " + name.path());
        }
        ImagePuller.Result result = new ImagePuller(store, AuthFile.ofUser(System.getenv()))
                .pull(name, options.platform(), options.tlsVerify, listener);
        if (lines != null) {
            lines.line("Digest: " + result.digest());
            lines.line("Status: " + (result.upToDate() ? "Image is up to date for " : "Downloaded newer image for ")
                    + name.familiar());
        }
        return result;
    }
}
