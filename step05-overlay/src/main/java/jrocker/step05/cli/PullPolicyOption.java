package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import jrocker.step01.container.ContainerException;
import jrocker.step05.image.ImageReference;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.PullProgressLines;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run --pull=missing|always|never} (docker's flag), with the pull's own {@code --platform} and
 * {@code --tls-verify}. Without {@code --pull}, a missing image is pulled, except {@code busybox}: run builds
 * that one from this machine's static busybox, so that the first container needs no network.
 */
public class PullPolicyOption {
    /** When run pulls its image. */
    enum Policy { MISSING, ALWAYS, NEVER }

    @Option(names = "--pull", paramLabel = "missing|always|never",
            description = "Pull the image before running: missing (default: when it is not in the store; a missing"
                    + " busybox is built from this machine's static busybox unless --pull is given), always, never.")
    String pull;

    @Mixin
    PullOptions pullOptions = new PullOptions();

    Policy policy() {
        if (pull == null) {
            return Policy.MISSING;
        }
        try {
            return Policy.valueOf(pull.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ContainerException.runtime("invalid --pull \"" + pull + "\": missing, always or never");
        }
    }

    /**
     * The image {@code reference} names, pulled first if the policy says so; empty when it is not in the
     * store and is not to be pulled (then run builds busybox, or says there is no such image). The pull's
     * progress goes to {@code err}, as docker's run shows it, so that stdout is the container's alone.
     */
    Optional<StoredImage> findOrPull(ImageStore store, String reference, ImageReference name, PrintWriter err) {
        Policy policy = policy();
        try {
            Optional<StoredImage> found = policy == Policy.ALWAYS ? Optional.empty() : store.find(reference, name);
            if (found.isPresent() || policy == Policy.NEVER
                    || pull == null && name.equals(ImageReference.parse("busybox"))) {
                return found;
            }
            if (policy == Policy.MISSING) {
                err.println("Unable to find image '" + name.familiar() + "' locally");
            }
            return Optional.of(PullCommand.pull(store, name, pullOptions, PullProgressLines.forTerminal(err, 2)).image());
        } catch (IOException e) {
            throw ContainerException.runtime(StoreErrors.describe(e));
        } catch (IllegalArgumentException e) { // an invalid --platform
            throw ContainerException.runtime(e.getMessage());
        }
    }
}
