package jrocker.step05.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.DedicatedThread;
import jrocker.step01.linux.LinuxSyscalls;
import jrocker.step01.linux.MountFlags;
import jrocker.step01.linux.Namespace;
import jrocker.step01.linux.Syscalls;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step03.tar.TarWriter;
import jrocker.step05.layer.LinuxLayerFileSystem;
import jrocker.step05.layer.UpperDirArchiver;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.StoreErrors;
import jrocker.step05.store.StoredImage;
import jrocker.step05.store.WorkDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrocker export CONTAINER [-o FILE]}: the container's file system as one flat tar, like
 * {@code docker export}: its image's layers with its own changes on top, whiteouts applied. Without -o the
 * tar goes to standard output, unless that is a terminal (a tar is no text to show), as with docker.
 */
@Command(name = "export", description = "Write a container's file system, flattened, as a tar (like docker export).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the tar was written", "1:no such container, or no -o and standard output is a terminal",
            "125:the tar could not be written"})
public class ExportCommand implements Callable<Integer> {
    /** Docker's exit code when export is asked to write a tar onto a terminal. */
    static final int TO_A_TERMINAL = 1;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container's ID or a prefix of it.")
    String container;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the tar (default: standard output, when it is not a terminal).")
    Path output;

    private final DataRootOption dataRoot;

    public ExportCommand(DataRootOption dataRoot) {
        this.dataRoot = dataRoot;
    }

    @Override
    public Integer call() {
        if (output == null && new LinuxSyscalls().isatty(1)) {
            throw new ContainerException(TO_A_TERMINAL, // docker's words
                    "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        try {
            export(dataRoot.dataRoot());
            return 0;
        } catch (IOException e) {
            // a store or file error (an ImageStoreException too) is one line for the user, not an "internal error"
            throw ContainerException.runtime("cannot export " + container + ": " + StoreErrors.describe(e));
        }
    }

    private void export(DataRoot root) throws IOException {
        Path directory = Containers.find(root, container);
        ImageStore store = ImageStore.open(root);
        StoredImage image = Containers.imageOf(store, directory);
        // The container's upper directory as the topmost *lower* layer: a read-only overlay needs no work
        // directory, so this works while the container runs and uses its own.
        List<String> lowerTopFirst = new ArrayList<>();
        lowerTopFirst.add(directory.resolve("upper").toString());
        store.layerDirectoriesTopFirst(image).forEach(layer -> lowerTopFirst.add(layer.toString()));
        try (WorkDirectory work = store.workDirectory()) {
            Path merged = Files.createDirectory(work.resolve("merged"));
            if (output == null) {
                // Standard output is not closed: it is the process', and a pipe reader sees the end when we exit.
                OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
                DedicatedThread.run("jrocker-export", () -> writeMerged(lowerTopFirst, merged, stdout));
                return;
            }
            // A file is written aside and renamed: a failed export never leaves half a tar under FILE's name.
            Path target = output.toAbsolutePath();
            Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial))) {
                DedicatedThread.run("jrocker-export", () -> writeMerged(lowerTopFirst, merged, file));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    // tag::export[]
    /**
     * Mount the overlay and tar its merged view, in a thread that first moved into a mount namespace of
     * its own (the same trick as step01's unshare thread): the mount is seen by this thread only, and is
     * gone with its namespace when the thread ends, even if jrocker is killed. No host mount can leak.
     */
    private static Void writeMerged(List<String> lowerTopFirst, Path merged, OutputStream out) throws IOException {
        Syscalls syscalls = new LinuxSyscalls();
        syscalls.unshare(Namespace.MOUNT.cloneFlag());
        syscalls.mount(null, "/", null, MountFlags.MS_REC | MountFlags.MS_PRIVATE, null);
        syscalls.mount("overlay", merged.toString(), "overlay", MountFlags.MS_RDONLY,
                "lowerdir=" + String.join(":", lowerTopFirst));
        try {
            // The merged view has no whiteouts left: the archiver writes it as a plain tar.
            TarWriter tar = new TarWriter(out);
            new UpperDirArchiver(new LinuxLayerFileSystem()).write(merged, tar);
            tar.finish(); // the end-of-archive blocks, flushed; the caller closes what it opened
        } finally {
            syscalls.umount2(merged.toString(), MountFlags.MNT_DETACH);
        }
        return null;
    }
    // end::export[]
}
