package jrocker.step05.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jrocker.step01.container.ContainerException;
import jrocker.step03.container.DataRoot;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ProcessStartTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers on disk: made in steps, each of which a killed creator may be stopped after, and what is left then. */
class ContainerStoreTest {
    @TempDir
    Path dataRoot;

    private ContainerStore store;

    @BeforeEach
    void openStore() {
        store = ContainerStore.open(new DataRoot(dataRoot));
    }

    private static String id(int n) {
        return String.format("%064x", n);
    }

    private static ContainerConfig config(String id, String name) {
        return new ContainerConfig(id, name, "busybox", "sha256:00", List.of("true"), List.of(), "", id.substring(0, 12),
                Instant.now(), false, false, false, List.of());
    }

    /** The directory's creator is a process that has exited. */
    private static void createdByADeadProcess(Path directory) throws Exception {
        Process creator = new ProcessBuilder("true").start();
        long startTime = ProcessStartTime.of(creator.pid()).orElse(1);
        creator.waitFor();
        Files.writeString(directory.resolve(ContainerStore.CREATING), creator.pid() + " " + startTime + "\n");
    }

    @Test
    void aReservedDirectorySaysWhoCreatesItAndIsNoContainerYet() throws Exception {
        Path directory = store.reserve(id(1));
        assertEquals(ProcessHandle.current().pid() + " " + ProcessStartTime.of(ProcessHandle.current().pid()).getAsLong(),
                Files.readString(directory.resolve(ContainerStore.CREATING)).strip());
        assertFalse(store.abandoned(directory), "its creator (this test) is alive");
        assertEquals(List.of(), store.all(), "not listed: it has no config yet");
        assertTrue(Files.isDirectory(directory), "and left alone while its creator lives");
    }

    @Test
    void aCreatedContainerHasItsConfigAndItsNameAndNoCreatingMark() throws Exception {
        Path directory = store.reserve(id(1));
        ContainerRecord record = store.create(directory, "web", name -> config(id(1), name));
        assertFalse(Files.exists(directory.resolve(ContainerStore.CREATING)));
        assertEquals(List.of(directory), store.all().stream().map(ContainerRecord::directory).toList());
        assertEquals(directory, store.find("web"));
        assertEquals("Created", record.status().describe(Instant.now()));

        ContainerRecord generated = store.create(store.reserve(id(2)), null, name -> config(id(2), name));
        assertTrue(generated.config().name().matches("[a-z]+_[a-z]+(_[0-9a-f]{6})?"), generated.config().name());
        assertEquals(generated.directory(), store.find(generated.config().name()), "a generated name is claimed too");
    }

    @Test
    void aNameInUseIsAOneLineErrorAndTheNewContainerHasNoConfig() throws Exception {
        store.create(store.reserve(id(1)), "web", name -> config(id(1), name));
        Path second = store.reserve(id(2));
        ContainerException taken = assertThrows(ContainerException.class,
                () -> store.create(second, "web", name -> config(id(2), name)));
        assertEquals(125, taken.exitCode());
        assertTrue(taken.getMessage().startsWith("the name \"web\" is already in use by container 000000000000"), taken.getMessage());
        assertFalse(Files.exists(second.resolve(ContainerRecord.CONFIG)), "never listed");
    }

    @Test
    void aDirectoryWhoseCreatorDiedBeforeItHadAConfigIsRemovedByTheNextListing() throws Exception {
        Path directory = store.reserve(id(1));
        Files.writeString(directory.resolve(ContainerRecord.LOG), "half a start\n");
        createdByADeadProcess(directory);

        assertTrue(store.abandoned(directory));
        assertEquals(List.of(), store.all());
        assertFalse(Files.exists(directory), "ps removed it");
    }

    @Test
    void aContainerWhoseNameWasClaimedIsAContainerEvenIfItsCreatorDied() throws Exception {
        Path directory = store.reserve(id(1));
        store.create(directory, "web", name -> config(id(1), name));
        createdByADeadProcess(directory); // as if it died between the claim and removing the mark
        assertFalse(store.abandoned(directory), "its name was taken: ps -a lists it, rm -f removes it");
        assertEquals(1, store.all().size());
    }

    @Test
    void aNameLeftByAnInterruptedCreationIsTakenOverByTheNextRun() throws Exception {
        // what an earlier jrocker killed while writing config.json left: the name, no config, no creating mark
        Path left = Files.createDirectories(dataRoot.resolve("containers").resolve(id(1)));
        Files.writeString(left.resolve("config.json.tmp-4242"), "{\"id\":");
        Files.writeString(left.resolve("exit-status"), "1\n");
        Files.createDirectories(dataRoot.resolve("names"));
        Files.createSymbolicLink(dataRoot.resolve("names").resolve("web"), Path.of(id(1)));

        ContainerRecord record = store.create(store.reserve(id(2)), "web", name -> config(id(2), name));
        assertEquals(record.directory(), store.find("web"), "the name is free again");
        assertFalse(Files.exists(left), "and what was left is gone");
    }

    @Test
    void removalTakesTheNameAndTheDirectoryAndLeavesNoWorkDirectory() throws Exception {
        Path directory = store.reserve(id(1));
        store.create(directory, "web", name -> config(id(1), name));
        store.remove(directory);
        store.remove(directory); // twice is harmless
        assertFalse(Files.exists(directory));
        assertThrows(ContainerException.class, () -> store.find("web"));
        try (var work = Files.list(dataRoot.resolve("tmp"))) {
            assertEquals(0, work.count());
        }
    }
}
