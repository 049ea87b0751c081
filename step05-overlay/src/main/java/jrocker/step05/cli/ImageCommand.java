package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.ImageConfig;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.Json;
import jrocker.step01.container.ExitCodes;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.ImageStoreException;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrocker image inspect IMAGE...}: what docker's {@code image inspect} shows, as JSON. */
@Command(name = "image", description = "Manage images.", subcommands = ImageCommand.Inspect.class,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the help was printed"})
public class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code jrocker image} alone prints its subcommands, like docker. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code jrocker image inspect}: a JSON array with one object per image, indented like docker's. */
    @Command(name = "inspect", description = "Show images as JSON: Id, RepoTags, RepoDigests, Created, Size, Architecture, Os,"
            + " Config (Entrypoint, Cmd, Env, WorkingDir, User) and RootFS (the layers' diff IDs).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every image was shown", "1:an image does not exist (the others are shown)",
                "125:the store could not be read"})
    public static class Inspect implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "NAME[:TAG], an image ID, or an ID prefix.")
        List<String> references;

        @Spec
        CommandSpec spec;

        private final DataRootOption dataRoot;

        public Inspect(DataRootOption dataRoot) {
            this.dataRoot = dataRoot;
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<Object> shown = new ArrayList<>();
            int status = 0;
            try {
                ImageStore store = ImageStore.open(dataRoot.dataRoot());
                for (String reference : references) {
                    try {
                        StoredImage image = store.get(reference);
                        shown.add(inspect(image, store.repoDigests(image.id())));
                    } catch (ImageStoreException e) { // no such image: docker's 1
                        err.println("jrocker: " + StoreErrors.describe(e));
                        status = Math.max(status, RmiCommand.NO_SUCH_IMAGE);
                    } catch (IOException e) {
                        err.println("jrocker: " + StoreErrors.describe(e));
                        status = ExitCodes.RUNTIME_FAILED;
                    }
                }
            } catch (IOException e) {
                throw ContainerException.runtime("cannot open the image store: " + StoreErrors.describe(e));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(indented(shown));
            out.flush();
            err.flush();
            return status;
        }
    }

    /** docker's fields, in docker's order. Missing Entrypoint, Cmd and Env are null, as docker shows them. */
    static Map<String, Object> inspect(StoredImage image) {
        return inspect(image, List.of());
    }

    /** With RepoDigests: the manifests the image was pulled as ({@code NAME@sha256:...}). */
    static Map<String, Object> inspect(StoredImage image, List<ImageReference> repoDigests) {
        ImageConfig config = image.config();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", image.id().toString());
        json.put("RepoTags", image.names().stream().map(ImageReference::familiar).toList());
        json.put("RepoDigests", repoDigests.stream().map(ImageReference::familiar).toList());
        json.put("Created", image.created().toString());
        json.put("Size", image.size());
        json.put("Architecture", config.architecture());
        if (config.platform().variant() != null) {
            json.put("Variant", config.platform().variant());
        }
        json.put("Os", config.os());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("Entrypoint", config.entrypoint().isEmpty() ? null : config.entrypoint());
        run.put("Cmd", config.cmd().isEmpty() ? null : config.cmd());
        run.put("Env", config.env().isEmpty() ? null : config.env());
        run.put("WorkingDir", config.workingDir());
        run.put("User", config.user());
        json.put("Config", run);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("Type", "layers");
        rootfs.put("Layers", image.diffIds().stream().map(Object::toString).toList());
        json.put("RootFS", rootfs);
        return json;
    }

    /** JSON indented by four spaces, like docker's inspect. */
    static String indented(Object value) {
        return Json.writeIndented(value);
    }
}
