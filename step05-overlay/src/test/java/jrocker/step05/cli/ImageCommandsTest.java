package jrocker.step05.cli;

import static jrocker.step05.store.StoreFixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jrocker.step03.cli.DataRootOption;
import jrocker.step03.container.DataRoot;
import jrocker.step05.image.Digest;
import jrocker.step05.image.Json;
import jrocker.step05.store.StoreFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, load, images, rmi, image inspect and commit's errors, run in-process against a temporary data root. */
class ImageCommandsTest {
    private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}\n");

    @TempDir
    Path temp;
    DataRoot root;
    DataRootOption dataRootOption;
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        root = new DataRoot(temp.resolve("data"));
        dataRootOption = DataRootOption.of(root.path());
        rootfs = Files.write(temp.resolve("rootfs.tar"), StoreFixtures.rootfsTar());
    }

    private String importBusybox() {
        CommandRun run = CommandRun.run(new ImportCommand(dataRootOption), rootfs.toString(), "busybox");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(ID.matcher(run.out()).matches(), run.out());
        return run.out().strip();
    }

    @Test
    void importPrintsTheImageIdAndImagesListsIt() {
        String id = importBusybox();
        CommandRun images = CommandRun.run(new ImagesCommand(dataRootOption));
        assertEquals(0, images.exitCode());
        List<String> lines = images.out().lines().toList();
        assertEquals(2, lines.size(), images.out());
        assertTrue(Pattern.matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE", lines.get(0)), lines.get(0));
        assertTrue(Pattern.matches("busybox +latest +" + id.substring(7, 19) + " +(Less than a second|\\d+ seconds?) ago +23B",
                lines.get(1)), lines.get(1));
        assertEquals(lines.get(0).indexOf("IMAGE ID"), lines.get(1).indexOf(id.substring(7, 19)), "columns align");
        assertEquals(id.substring(7, 19) + "\n", CommandRun.run(new ImagesCommand(dataRootOption), "-q").out());
    }

    @Test
    void anInvalidNameIsOneLineAnd125AndStoresNothing() throws IOException {
        CommandRun run = CommandRun.run(new ImportCommand(dataRootOption), rootfs.toString(), "Busybox");
        assertEquals(125, run.exitCode());
        assertEquals("jrocker: invalid image reference \"Busybox\": repository names must be lowercase (\"busybox\")\n", run.err());
        assertEquals(List.of(), list(root.path().resolve("images")));
    }

    @Test
    void aMissingFileIsOneLine() {
        CommandRun run = CommandRun.run(new ImportCommand(dataRootOption), temp.resolve("nope.tar").toString(), "x");
        assertEquals(125, run.exitCode());
        assertEquals("jrocker: cannot import " + temp.resolve("nope.tar") + ": no such file or directory: "
                + temp.resolve("nope.tar") + "\n", run.err());
    }

    @Test
    void aTruncatedTarIsOneLineAndLeavesNothing() throws IOException {
        byte[] tar = StoreFixtures.rootfsTar();
        Path truncated = Files.write(temp.resolve("truncated.tar"), java.util.Arrays.copyOf(tar, 700));
        CommandRun run = CommandRun.run(new ImportCommand(dataRootOption), truncated.toString(), "broken");
        assertEquals(125, run.exitCode());
        assertTrue(run.err().startsWith("jrocker: cannot import " + truncated + ": truncated tar"), run.err());
        assertEquals(1, run.err().lines().count());
        for (String directory : List.of("images", "layers", "tmp")) {
            assertEquals(List.of(), list(root.path().resolve(directory)), directory);
        }
    }

    @Test
    void loadPrintsDockersLinesAndInspectShowsTheImage() throws IOException {
        byte[] layer = StoreFixtures.tar(Map.of("etc/motd", "hi"));
        Path named = temp.resolve("named");
        Digest id = StoreFixtures.ociLayout(named, "docker.io/library/app:1", List.of(layer));
        Path unnamed = temp.resolve("unnamed");
        Digest otherId = StoreFixtures.ociLayout(unnamed, "1.0", List.of(layer, layer));

        assertEquals(new CommandRun(0, "Loaded image: app:1\n", ""), CommandRun.run(new LoadCommand(dataRootOption), "-i", named.toString()));
        assertEquals(new CommandRun(0, "Loaded image ID: " + otherId + "\n", ""),
                CommandRun.run(new LoadCommand(dataRootOption), "--input", unnamed.toString()));

        CommandRun inspect = CommandRun.run(new ImageCommand.Inspect(dataRootOption), "app:1");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().startsWith("[\n    {\n        \"Id\": \"" + id + "\",\n"), inspect.out());
        List<?> parsed = (List<?>) Json.readValue(inspect.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "the output");
        Map<?, ?> image = (Map<?, ?>) parsed.get(0);
        assertEquals(id.toString(), image.get("Id"));
        assertEquals(List.of("app:1"), image.get("RepoTags"));
        assertEquals("2024-01-02T03:04:05Z", image.get("Created"));
        assertEquals("linux", image.get("Os"));
        Map<?, ?> config = (Map<?, ?>) image.get("Config");
        assertEquals(List.of("sh"), config.get("Cmd"));
        assertEquals(null, config.get("Entrypoint"));
        assertEquals(List.of("PATH=/bin"), config.get("Env"));
        assertEquals(Map.of("Type", "layers", "Layers", List.of(Digest.sha256(layer).toString())), image.get("RootFS"));

        String images = CommandRun.run(new ImagesCommand(dataRootOption)).out();
        assertTrue(images.lines().anyMatch(line -> line.startsWith("<none>") && line.contains(otherId.shortHex())), images);
    }

    @Test
    void aBadArchiveIsOneLineAnd125AndLeavesNothingInTmp() throws IOException {
        Path notAnArchive = Files.writeString(temp.resolve("junk.tar"), "this is not a tar");
        CommandRun run = CommandRun.run(new LoadCommand(dataRootOption), "-i", notAnArchive.toString());
        assertEquals(125, run.exitCode());
        assertTrue(run.err().startsWith("jrocker: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(List.of(), list(root.path().resolve("tmp")));
        assertEquals(List.of(), list(root.path().resolve("images")));
    }

    @Test
    void rmiUntagsAndDeletesAndRefusesAnImageInUse() throws IOException {
        String id = importBusybox();
        Path container = Files.createDirectories(root.path().resolve("containers/1a2b3c4d5e6f0011"));
        Files.writeString(container.resolve("image"), id);

        CommandRun refused = CommandRun.run(new RmiCommand(dataRootOption), "busybox");
        assertEquals(new CommandRun(1, "", "jrocker: image busybox:latest is used by container 1a2b3c4d5e6f:"
                + " remove the container first, or use rmi -f\n"), refused);

        Files.delete(container.resolve("image"));
        CommandRun removed = CommandRun.run(new RmiCommand(dataRootOption), "busybox", "nothere");
        assertEquals(new CommandRun(1, "Untagged: busybox:latest\nDeleted: " + id + "\n",
                "jrocker: no such image: nothere:latest\n"), removed);
        assertEquals(List.of(), list(root.path().resolve("layers")));
    }

    @Test
    void aStoreErrorOfCommitIsOneLineAnd125() throws IOException {
        String id = importBusybox();
        Path container = Files.createDirectories(root.path().resolve("containers/1a2b3c4d5e6f0011"));
        Files.writeString(container.resolve("image"), id);
        Files.createDirectory(container.resolve("upper"));
        // a valid reference, but not a name for the store: the store refuses it (an ImageStoreException)
        String byDigest = "x@" + id;
        CommandRun run = CommandRun.run(new CommitCommand(dataRootOption), "1a2b3c4d5e6f", byDigest);
        assertEquals(new CommandRun(125, "", "jrocker: cannot commit 1a2b3c4d5e6f: invalid image name \"" + byDigest
                + "\": a name for an image in the store is NAME[:TAG], without a digest\n"), run);
        assertEquals(1, list(root.path().resolve("images")).size(), "only the imported image");
        assertEquals(List.of(), list(root.path().resolve("tmp")));
    }

    @Test
    void inspectOfAMissingImageIs1AsWithDocker() {
        CommandRun run = CommandRun.run(new ImageCommand.Inspect(dataRootOption), "nothere");
        assertEquals(1, run.exitCode());
        assertEquals("jrocker: no such image: nothere:latest\n", run.err());
        assertEquals("[]\n", run.out(), "like docker: the (empty) array is still printed");
    }

    @Test
    void anEmptyStoreShowsOnlyTheHeader() {
        String table = ImagesCommand.table(List.of(), Instant.EPOCH);
        assertEquals("REPOSITORY   TAG   IMAGE ID   CREATED   SIZE\n", table);
    }

    @Test
    void imagesWithDigestsShowsTheRepoDigestOfEachNameAndARowForARepositoryPulledOnlyByDigest() throws IOException {
        importBusybox();
        jrocker.step05.store.StoredImage busybox = jrocker.step05.store.ImageStore.open(root).get("busybox");
        Digest pulledAs = Digest.sha256(new byte[] {1});
        Digest other = Digest.sha256(new byte[] {2});
        String table = ImagesCommand.table(List.of(busybox), busybox.created(), Map.of(busybox.id(), List.of(
                jrocker.step05.image.ImageReference.parse("busybox@" + pulledAs),
                jrocker.step05.image.ImageReference.parse("localhost:5000/mirror/busybox@" + other))));
        List<String> lines = table.lines().toList();
        assertEquals(3, lines.size(), table);
        assertTrue(Pattern.matches("REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE", lines.get(0)), table);
        assertTrue(lines.get(1).startsWith("busybox                         latest   " + pulledAs + "   "
                + busybox.id().shortHex()), table);
        assertTrue(lines.get(2).startsWith("localhost:5000/mirror/busybox   <none>   " + other + "   "), table);
        assertTrue(CommandRun.run(new ImagesCommand(dataRootOption), "--digests").out().lines()
                .anyMatch(line -> line.matches("busybox +latest +<none> +" + busybox.id().shortHex() + " .*")));
    }
}
